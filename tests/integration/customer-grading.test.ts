import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRADE_FORM } from '@/graphql/customer-grading/customer-grading.rules';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk, type GqlResult } from '../helpers/graphql';

// Customer grading (分等分级) over GraphQL: the evaluation sets the grade from the bands with its history, one per
// period, the override needs a reason and the version read, the form is validated and versioned.

const EVALUATE = `mutation($input: EvaluateCustomerGradeInput!) {
  evaluateCustomerGrade(input: $input) { id period totalScore grade comment scores { key weight maxScore score } evaluator { id } }
}`;
const OVERRIDE = `mutation($id: ID!, $version: Int!, $grade: CustomerGrade!, $reason: String!) {
  overrideCustomerGrade(customerId: $id, version: $version, grade: $grade, reason: $reason) { id grade version gradeOverrideReason gradeOverriddenAt }
}`;
const FORM = `{ customerGradeForm { version criteria { key label weight maxScore } bands { A B C } } }`;
const UPDATE_FORM = `mutation($version: Int!, $input: CustomerGradeFormInput!) {
  updateCustomerGradeForm(version: $version, input: $input) { version criteria { key weight } bands { A B C } }
}`;
const CUSTOMER = `query($id: ID!, $first: Int, $after: String) {
  customer(id: $id) {
    grade version gradeOverrideReason
    gradeEvaluations(first: $first, after: $after) { nodes { period grade totalScore } pageInfo { hasNextPage endCursor } }
    history { action comment changes message { key params } }
  }
}`;

type Customer = {
  grade: string | null;
  version: number;
  gradeOverrideReason: string | null;
  gradeEvaluations: {
    nodes: { period: string; grade: string; totalScore: number }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  history: {
    action: string;
    comment: string | null;
    changes: unknown;
    message: { key: string; params: unknown } | null;
  }[];
};

/** Every default criterion scored at `fraction` of its maximum (rounded). */
const scoresAt = (fraction: number) =>
  DEFAULT_GRADE_FORM.criteria.map((c) => ({ key: c.key, score: Math.round(c.maxScore * fraction) }));

const fields = (result: GqlResult) => result.errors?.[0]?.extensions?.fields as Record<string, { key: string }>;

let agent: Viewer;
let manager: Viewer;
let agentId: string;

beforeAll(async () => {
  const a = await createStaff('SERVICE_AGENT');
  agent = a.viewer;
  agentId = a.user.id;
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
});

const read = async (id: string, first = 10, after?: string) =>
  (await gqlOk<{ customer: Customer }>(agent, CUSTOMER, { id, first, after })).customer;

describe('evaluating', () => {
  it('records the form, sets the grade from the bands and appends the history in one go', async () => {
    const customer = await createCustomerRecord({ name: '评级甲公司' });
    const result = await gqlOk<{
      evaluateCustomerGrade: {
        period: string;
        totalScore: number;
        grade: string;
        comment: string;
        scores: unknown[];
        evaluator: { id: string };
      };
    }>(agent, EVALUATE, {
      input: { customerId: customer.id, period: '2026-h1', scores: scoresAt(0.9), comment: '现场带回评价表' },
    });
    expect(result.evaluateCustomerGrade).toMatchObject({
      period: '2026-H1',
      totalScore: 90,
      grade: 'A',
      comment: '现场带回评价表',
      evaluator: { id: agentId },
    });
    expect(result.evaluateCustomerGrade.scores).toHaveLength(DEFAULT_GRADE_FORM.criteria.length);
    const after = await read(customer.id);
    expect(after.grade).toBe('A');
    expect(after.version).toBe(customer.version + 1);
    expect(after.gradeEvaluations.nodes).toEqual([{ period: '2026-H1', grade: 'A', totalScore: 90 }]);
    expect(after.history.at(-1)).toMatchObject({
      action: 'GRADE_EVALUATE',
      comment: '现场带回评价表',
      changes: { grade: { from: null, to: 'A' } },
      message: { key: 'customerGrading.evaluated', params: { period: '2026-H1', total: '90.00', grade: 'A' } },
    });
  });

  it('derives the grade at the band boundaries: exactly at a band is that grade, just under it the next', async () => {
    // Default weights system 30 / service 25 / complaints 20 / cooperation 15 / compliance 10, each scored of 10;
    // default bands A ≥ 85, B ≥ 70, C ≥ 60.
    const cases: [number[], number, string][] = [
      [[10, 10, 10, 0, 10], 85, 'A'],
      [[9, 10, 10, 5, 5], 84.5, 'B'],
      [[10, 10, 0, 10, 0], 70, 'B'],
      [[10, 10, 0, 9, 1], 69.5, 'C'],
      [[10, 10, 0, 0, 5], 60, 'C'],
      [[10, 9, 0, 0, 7], 59.5, 'D'],
    ];
    for (const [points, total, grade] of cases) {
      const customer = await createCustomerRecord({ name: `边界${total}有限公司` });
      const scores = DEFAULT_GRADE_FORM.criteria.map((c, i) => ({ key: c.key, score: points[i]! }));
      const result = await gqlOk<{ evaluateCustomerGrade: { totalScore: number; grade: string } }>(agent, EVALUATE, {
        input: { customerId: customer.id, period: '2026-H2', scores },
      });
      const { totalScore, grade: derived } = result.evaluateCustomerGrade;
      expect([total, totalScore, derived]).toEqual([total, total, grade]);
      expect((await read(customer.id)).grade).toBe(grade);
    }
  });

  it('a second evaluation of the same period is a CONFLICT, also when sent at the same time; nothing else changes', async () => {
    const customer = await createCustomerRecord({ name: '评级乙公司' });
    const input = { customerId: customer.id, period: '2026', scores: scoresAt(0.7) };
    const results = await Promise.all([gqlAs(agent, EVALUATE, { input }), gqlAs(agent, EVALUATE, { input })]);
    expect(results.map((r) => errorCodes(r)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const again = await gqlAs(agent, EVALUATE, { input: { ...input, scores: scoresAt(1) } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors?.[0]?.message).toContain('2026');
    const after = await read(customer.id);
    expect(after.grade).toBe('B');
    expect(after.gradeEvaluations.nodes).toHaveLength(1);
    expect(after.history.filter((h) => h.action === 'GRADE_EVALUATE')).toHaveLength(1);
    // Another period is a new evaluation, and the latest decides the grade.
    await gqlOk(agent, EVALUATE, { input: { ...input, period: '2026-Q3', scores: scoresAt(0.5) } });
    expect((await read(customer.id)).grade).toBe('D');
  });

  it('refuses a bad period, missing or out-of-range scores, with field messages; an unknown customer is NOT_FOUND', async () => {
    const customer = await createCustomerRecord();
    const bad = await gqlAs(agent, EVALUATE, {
      input: { customerId: customer.id, period: '2026-Q5', scores: scoresAt(1) },
    });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(fields(bad)).toEqual({ period: expect.objectContaining({ key: 'grading.periodInvalid' }) });
    const [first, ...rest] = scoresAt(1);
    const scores = await gqlAs(agent, EVALUATE, {
      input: { customerId: customer.id, period: '2026', scores: [{ ...first!, score: 11 }, ...rest.slice(1)] },
    });
    expect(errorCodes(scores)).toEqual(['BAD_USER_INPUT']);
    expect(fields(scores)).toMatchObject({
      [`scores.${first!.key}`]: { key: 'grading.scoreRange' },
      [`scores.${rest[0]!.key}`]: { key: 'grading.scoreMissing' },
    });
    const missing = await gqlAs(agent, EVALUATE, {
      input: { customerId: '00000000-0000-4000-8000-000000000000', period: '2026', scores: scoresAt(1) },
    });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    expect((await read(customer.id)).gradeEvaluations.nodes).toEqual([]);
  });

  it('pages the history newest first', async () => {
    const customer = await createCustomerRecord();
    for (const period of ['2024', '2025', '2026'])
      await gqlOk(agent, EVALUATE, { input: { customerId: customer.id, period, scores: scoresAt(0.8) } });
    const page1 = await read(customer.id, 2);
    expect(page1.gradeEvaluations.nodes.map((n) => n.period)).toEqual(['2026', '2025']);
    expect(page1.gradeEvaluations.pageInfo.hasNextPage).toBe(true);
    const page2 = await read(customer.id, 2, page1.gradeEvaluations.pageInfo.endCursor!);
    expect(page2.gradeEvaluations.nodes.map((n) => n.period)).toEqual(['2024']);
    expect(page2.gradeEvaluations.pageInfo.hasNextPage).toBe(false);
  });

  it('a list of customers reads their first pages of evaluations in one batch', async () => {
    const a = await createCustomerRecord({ name: '批量评级甲' });
    const b = await createCustomerRecord({ name: '批量评级乙' });
    await gqlOk(agent, EVALUATE, { input: { customerId: a.id, period: '2026', scores: scoresAt(1) } });
    await gqlOk(agent, EVALUATE, { input: { customerId: b.id, period: '2026', scores: scoresAt(0.6) } });
    const list = await gqlOk<{
      customers: { nodes: { name: string; gradeEvaluations: { nodes: { grade: string }[] } }[] };
    }>(
      agent,
      `{ customers(filter: { search: "批量评级" }, sort: { field: NAME, direction: ASC }) { nodes { name gradeEvaluations(first: 1) { nodes { grade } } } } }`,
    );
    expect(list.customers.nodes.map((n) => [n.name, n.gradeEvaluations.nodes.map((e) => e.grade)])).toEqual([
      ['批量评级乙', ['C']],
      ['批量评级甲', ['A']],
    ]);
  });
});

describe('overriding', () => {
  it('needs a reason, sets the grade with the history, and the next evaluation clears it', async () => {
    const customer = await createCustomerRecord({ grade: 'C' });
    const noReason = await gqlAs(agent, OVERRIDE, {
      id: customer.id,
      version: customer.version,
      grade: 'A',
      reason: ' ',
    });
    expect(errorCodes(noReason)).toEqual(['BAD_USER_INPUT']);
    expect(fields(noReason)).toEqual({ reason: expect.objectContaining({ key: 'grading.reasonRequired' }) });
    const same = await gqlAs(agent, OVERRIDE, {
      id: customer.id,
      version: customer.version,
      grade: 'C',
      reason: '无变化',
    });
    expect(fields(same)).toEqual({ grade: expect.objectContaining({ key: 'grading.sameGrade' }) });

    const done = await gqlOk<{
      overrideCustomerGrade: { grade: string; version: number; gradeOverrideReason: string };
    }>(agent, OVERRIDE, { id: customer.id, version: customer.version, grade: 'A', reason: '年度战略客户，经部长批准' });
    expect(done.overrideCustomerGrade).toMatchObject({
      grade: 'A',
      version: customer.version + 1,
      gradeOverrideReason: '年度战略客户，经部长批准',
    });
    const after = await read(customer.id);
    expect(after.history.at(-1)).toMatchObject({
      action: 'GRADE_OVERRIDE',
      comment: '年度战略客户，经部长批准',
      changes: { grade: { from: 'C', to: 'A' } },
    });
    await gqlOk(agent, EVALUATE, { input: { customerId: customer.id, period: '2026', scores: scoresAt(0.75) } });
    const evaluated = await read(customer.id);
    expect(evaluated.grade).toBe('B');
    expect(evaluated.gradeOverrideReason).toBeNull();
  });

  it('with a stale version → CONFLICT with the current version; of two at once, one wins', async () => {
    const customer = await createCustomerRecord({ grade: 'B' });
    const results = await Promise.all(
      (['A', 'D'] as const).map((grade) =>
        gqlAs(agent, OVERRIDE, { id: customer.id, version: customer.version, grade, reason: `改为 ${grade}` }),
      ),
    );
    expect(results.map((r) => errorCodes(r)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const loser = results.find((r) => errorCodes(r).length)!;
    expect(loser.errors?.[0]?.extensions?.currentVersion).toBe(customer.version + 1);
    const row = await prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(row.version).toBe(customer.version + 1);
    expect(await prisma.historyEntry.count({ where: { entityId: customer.id, action: 'GRADE_OVERRIDE' } })).toBe(1);
  });
});

describe('the form', () => {
  it('starts from the defaults (version 0); a manager saves a valid form; a stale version is a CONFLICT', async () => {
    const initial = await gqlOk<{ customerGradeForm: { version: number; criteria: unknown[]; bands: unknown } }>(
      agent,
      FORM,
    );
    expect(initial.customerGradeForm.version).toBe(0);
    expect(initial.customerGradeForm.bands).toEqual(DEFAULT_GRADE_FORM.bands);
    const input = {
      criteria: [
        { key: 'system', label: '体系运行', weight: 70, maxScore: 10 },
        { key: 'service', label: '服务', description: '服务承诺', weight: 30, maxScore: 5 },
      ],
      bands: { A: 90, B: 75, C: 60 },
    };
    const saved = await gqlOk<{ updateCustomerGradeForm: { version: number } }>(manager, UPDATE_FORM, {
      version: 0,
      input,
    });
    expect(saved.updateCustomerGradeForm.version).toBe(1);
    const stale = await gqlAs(manager, UPDATE_FORM, { version: 0, input });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(1);
    // The change is in the service rules' history.
    const changes = await gqlOk<{ serviceRuleChanges: { message: { params: { key: string } } }[] }>(
      manager,
      `{ serviceRuleChanges(first: 5) { message { params } } }`,
    );
    expect(changes.serviceRuleChanges[0]?.message.params.key).toBe('customerGradeForm');

    // Evaluations now use the saved form: 70 × 9/10 + 30 × 4/5 = 63 + 24 = 87 → B under the new bands (A from 90).
    const customer = await createCustomerRecord();
    const evaluated = await gqlOk<{ evaluateCustomerGrade: { totalScore: number; grade: string } }>(agent, EVALUATE, {
      input: {
        customerId: customer.id,
        period: '2026',
        scores: [
          { key: 'system', score: 9 },
          { key: 'service', score: 4 },
        ],
      },
    });
    expect(evaluated.evaluateCustomerGrade).toMatchObject({ totalScore: 87, grade: 'B' });

    // Put the defaults back for the rest of the file's order-independence.
    await gqlOk(manager, UPDATE_FORM, {
      version: 1,
      input: { criteria: DEFAULT_GRADE_FORM.criteria, bands: DEFAULT_GRADE_FORM.bands },
    });
  });

  it('refuses weights that do not add up to 100, repeated keys and bands out of order, with field messages', async () => {
    const { customerGradeForm } = await gqlOk<{ customerGradeForm: { version: number } }>(agent, FORM);
    const result = await gqlAs(manager, UPDATE_FORM, {
      version: customerGradeForm.version,
      input: {
        criteria: [
          { key: 'a', label: 'A', weight: 50, maxScore: 10 },
          { key: 'a', label: 'B', weight: 40, maxScore: 10 },
        ],
        bands: { A: 80, B: 80, C: 90 },
      },
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(Object.fromEntries(Object.entries(fields(result)).map(([k, v]) => [k, v.key]))).toEqual({
      'criteria.1.key': 'grading.criterionKeyRepeated',
      criteria: 'grading.weightsTotal',
      'bands.B': 'grading.bandsOrder',
      'bands.C': 'grading.bandsOrder',
    });
  });
});

describe('the customer form no longer sets the grade', () => {
  it('CustomerInput has no grade, and an imported 客户等级 column is ignored', async () => {
    const created = await gqlAs(agent, `mutation { createCustomer(input: { name: "x", grade: A }) { id } }`);
    expect(errorCodes(created)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const imported = await gqlOk<{ importCustomers: { ok: boolean; importedCount: number } }>(
      manager,
      `mutation($content: String!) { importCustomers(format: CSV, content: $content) { ok importedCount } }`,
      { content: '公司名称,客户等级\n导入等级公司,A\n' },
    );
    expect(imported.importCustomers).toEqual({ ok: true, importedCount: 1 });
    const row = await prisma.customer.findFirstOrThrow({ where: { name: '导入等级公司' } });
    expect(row.grade).toBeNull();
  });
});
