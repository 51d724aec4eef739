import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DiskStorage, setStorage } from '@/server/storage/storage';
import { createApolloServer } from '@/graphql/server';
import { createContext } from '@/graphql/context';
import { formatInteractionNumber } from '@/graphql/interactions/interaction.rules';
import { prisma } from '@/server/db';
import { submitInteraction } from '@/graphql/interactions/interaction.service';
import type { Viewer } from '@/server/viewer';
import { createContract, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk, type GqlResult } from '../helpers/graphql';
import {
  anonymousInput,
  files,
  RECORD,
  SUBMIT,
  submitInput,
  useTempStorage,
  type SubmittedInteraction,
} from '../helpers/interactions';

const anonymous: Viewer = { kind: 'anonymous' };
let customer: Viewer;
let customerId: string;
let agent: Viewer;

const submit = (viewer: Viewer, input: Record<string, unknown>) =>
  gqlAs<{ submitInteraction: SubmittedInteraction }>(viewer, SUBMIT, { input });
const submitOk = async (viewer: Viewer, input: Record<string, unknown>) =>
  (await gqlOk<{ submitInteraction: SubmittedInteraction }>(viewer, SUBMIT, { input })).submitInteraction;
const running = (number: string) => Number(number.split('-')[2]);

const LOOKUP = `query($number: String!, $phone: String!) { lookupInteraction(number: $number, phone: $phone) { number status type subject timeline { action message { key } } } }`;
let lookupServer: ReturnType<typeof createApolloServer> | undefined;
/** The look-up as a request from `ip` (its rate limit is per IP). */
async function lookupFrom(
  ip: string,
  number: string,
  phone: string,
): Promise<
  GqlResult<{
    lookupInteraction: { number: string; status: string; timeline: { action: string; message: { key: string } }[] };
  }>
> {
  lookupServer ??= createApolloServer();
  const response = await lookupServer.executeOperation(
    { query: LOOKUP, variables: { number, phone } },
    { contextValue: createContext(anonymous, undefined, ip) },
  );
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  return response.body.singleResult as GqlResult<{
    lookupInteraction: { number: string; status: string; timeline: { action: string; message: { key: string } }[] };
  }>;
}

beforeAll(async () => {
  useTempStorage();
  const record = await createCustomerRecord({ name: '华东测试汽配' });
  customerId = record.id;
  customer = (await createCustomerUser(customerId)).viewer;
  agent = (await createStaff('SERVICE_AGENT')).viewer;
});

describe('numbering (SPEC §3: TS-2026-000123, from a database sequence)', () => {
  it('formats prefix, Shanghai year and six digits', () => {
    expect(formatInteractionNumber('COMPLAINT', new Date('2026-03-01T00:00:00Z'), 123)).toBe('TS-2026-000123');
    expect(formatInteractionNumber('CONSULTATION', new Date('2026-03-01T00:00:00Z'), 1)).toBe('ZX-2026-000001');
    expect(formatInteractionNumber('INQUIRY', new Date('2026-03-01T00:00:00Z'), 7)).toBe('CX-2026-000007');
    expect(formatInteractionNumber('SUGGESTION', new Date('2026-03-01T00:00:00Z'), 42)).toBe('JY-2026-000042');
    // 2026-12-31 17:00 UTC is already 2027-01-01 01:00 in Shanghai.
    expect(formatInteractionNumber('COMPLAINT', new Date('2026-12-31T17:00:00Z'), 5)).toBe('TS-2027-000005');
    expect(formatInteractionNumber('COMPLAINT', new Date('2026-12-31T15:59:59Z'), 5)).toBe('TS-2026-000005');
  });

  it('a portal complaint gets a TS number, channel PORTAL, status REGISTERED and a customer-visible 已受理', async () => {
    const created = await submitOk(customer, submitInput());
    expect(created.number).toMatch(/^TS-\d{4}-\d{6}$/);
    expect(created.channel).toBe('PORTAL');
    expect(created.status).toBe('REGISTERED');
    expect(created.customer?.id).toBe(customerId);
    expect(created.timeline).toEqual([
      { action: 'CREATE', message: { key: 'interaction.received' }, toState: 'REGISTERED' },
    ]);
    const consultation = await submitOk(customer, submitInput({ type: 'CONSULTATION' }));
    expect(consultation.number).toMatch(/^ZX-\d{4}-\d{6}$/);
  });

  it('20 concurrent submissions get 20 distinct consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submitOk(customer, submitInput({ type: 'SUGGESTION', subject: `建议 ${i}` })),
      ),
    );
    const numbers = results.map((r) => running(r.number)).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.at(-1)! - numbers[0]!).toBe(19);
    expect(results.every((r) => r.number.startsWith('JY-'))).toBe(true);
  });

  it('restarts at 000001 each year, by the Asia/Shanghai calendar', async () => {
    // 2026-12-31 23:30 and 2027-01-01 00:30 in Shanghai (15:30 and 16:30 UTC).
    const lastOf2026 = await submitInteraction(
      customer,
      submitInput({ type: 'INQUIRY' }),
      new Date('2026-12-31T15:30:00Z'),
    );
    const first2027 = await submitInteraction(
      customer,
      submitInput({ type: 'INQUIRY' }),
      new Date('2026-12-31T16:30:00Z'),
    );
    const second2027 = await submitInteraction(
      customer,
      submitInput({ type: 'INQUIRY' }),
      new Date('2027-03-01T02:00:00Z'),
    );
    expect(lastOf2026.number).toMatch(/^CX-2026-\d{6}$/);
    expect([first2027.number, second2027.number]).toEqual(['CX-2027-000001', 'CX-2027-000002']);
  });

  it('a year’s sequence starts after the highest number already issued that year', async () => {
    await prisma.interaction.create({
      data: {
        number: 'TS-2030-000041',
        type: 'COMPLAINT',
        channel: 'PHONE',
        subject: '旧编号',
        description: '升级前登记',
      },
    });
    const next = await submitInteraction(customer, submitInput(), new Date('2030-05-01T02:00:00Z'));
    expect(next.number).toBe('TS-2030-000042');
  });

  it('10 concurrent first submissions of a new year get 000001 … 000010', async () => {
    const at = new Date('2031-02-01T02:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submitInteraction(customer, submitInput({ type: 'CONSULTATION', subject: `新年咨询 ${i}` }), at),
      ),
    );
    expect(results.map((r) => r.number).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `ZX-2031-${String(i + 1).padStart(6, '0')}`),
    );
  });
});

describe('idempotent submission', () => {
  it('the same key twice returns the same record', async () => {
    const input = submitInput();
    const first = await submitOk(customer, input);
    const again = await submitOk(customer, input);
    expect(again.id).toBe(first.id);
    expect(again.number).toBe(first.number);
    expect(await prisma.interaction.count({ where: { subject: input.subject, id: first.id } })).toBe(1);
    expect(await prisma.historyEntry.count({ where: { entityId: first.id } })).toBe(1);
  });

  it('the same key sent 8 times at once makes one row', async () => {
    const input = submitInput({ subject: '并发重复提交' });
    const results = await Promise.all(Array.from({ length: 8 }, () => submitOk(customer, input)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await prisma.interaction.count({ where: { subject: '并发重复提交' } })).toBe(1);
  });

  it('a key is scoped to its submitter: another customer using the same key gets its own record', async () => {
    const other = (await createCustomerUser((await createCustomerRecord({ name: '另一家公司' })).id)).viewer;
    const input = submitInput({ subject: '同一个键' });
    const mine = await submitOk(customer, input);
    const theirs = await submitOk(other, input);
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.customer?.id).not.toBe(customerId);
  });
});

describe('validation', () => {
  it('required fields come back as field errors', async () => {
    const result = await submit(customer, submitInput({ subject: ' ', description: '' }));
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions!.fields).toMatchObject({
      subject: { key: 'interaction.subjectRequired' },
      description: { key: 'interaction.descriptionRequired' },
    });
  });

  it('the customer comes from the viewer, never from the input; a contract must be the customer’s own', async () => {
    const other = await createCustomerRecord({ name: '别人的公司' });
    const created = await submitOk(customer, submitInput({ customerId: other.id }));
    expect(created.customer?.id).toBe(customerId);
    const foreignContract = await createContract(other.id, '100.00');
    const bad = await submit(customer, submitInput({ relatedContractId: foreignContract.id }));
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.extensions!.fields).toHaveProperty('relatedContractId');
    const own = await createContract(customerId, '200.00');
    const ok = await gqlOk<{ submitInteraction: { relatedContract: { id: string } } }>(
      customer,
      `mutation($input: SubmitInteractionInput!) { submitInteraction(input: $input) { relatedContract { id } } }`,
      { input: submitInput({ relatedContractId: own.id }) },
    );
    expect(ok.submitInteraction.relatedContract.id).toBe(own.id);
  });
});

describe('anonymous submission and look-up by number + phone', () => {
  it('an anonymous visitor must give company, contact and phone', async () => {
    const result = await submit(anonymous, submitInput());
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(Object.keys(result.errors![0]!.extensions!.fields as object).sort()).toEqual([
      'companyName',
      'contactName',
      'contactPhone',
    ]);
  });

  it('looks up with the right phone (spaces and dashes ignored); wrong phone and wrong number answer the same NOT_FOUND', async () => {
    const created = await submitOk(anonymous, anonymousInput());
    expect(created.customer).toBeNull();
    expect(created.channel).toBe('PORTAL');

    const found = await lookupFrom('10.0.0.1', created.number, '138-0013-8000');
    expect(found.errors).toBeUndefined();
    expect(found.data!.lookupInteraction).toMatchObject({ number: created.number, status: 'REGISTERED' });
    expect(found.data!.lookupInteraction.timeline).toEqual([
      { action: 'CREATE', message: { key: 'interaction.received' } },
    ]);
    expect((await lookupFrom('10.0.0.1', created.number.toLowerCase(), '13800138000')).errors).toBeUndefined();

    const wrongPhone = await lookupFrom('10.0.0.1', created.number, '13900000000');
    const wrongNumber = await lookupFrom('10.0.0.1', 'TS-2000-999999', '13800138000');
    expect(errorCodes(wrongPhone)).toEqual(['NOT_FOUND']);
    expect(errorCodes(wrongNumber)).toEqual(['NOT_FOUND']);
    expect(wrongPhone.errors![0]!.message).toBe(wrongNumber.errors![0]!.message);
    expect(wrongPhone.data?.lookupInteraction ?? null).toBeNull();
  });

  it('the look-up shows no internal history', async () => {
    const created = await submitOk(anonymous, anonymousInput());
    const { appendHistory } = await import('@/server/history');
    await prisma.$transaction((tx) =>
      appendHistory(tx, agent, {
        entityType: 'Interaction',
        entityId: created.id,
        action: 'NOTE',
        comment: '内部备注：疑似恶意投诉',
      }),
    );
    const found = await lookupFrom('10.0.0.2', created.number, '13800138000');
    expect(JSON.stringify(found.data)).not.toContain('内部备注');
  });

  it('is rate-limited per IP', async () => {
    const limit = Number(process.env.LOOKUP_LIMIT_PER_IP ?? 30);
    const ip = '10.9.9.9';
    for (let i = 0; i < limit; i++) await lookupFrom(ip, 'TS-2000-000001', '1');
    const blocked = await lookupFrom(ip, 'TS-2000-000001', '1');
    expect(errorCodes(blocked)).toEqual(['TOO_MANY_REQUESTS']);
    expect(errorCodes(await lookupFrom('10.9.9.10', 'TS-2000-000001', '1'))).toEqual(['NOT_FOUND']);
  });
});

describe('attachments: at most 5 files, 10 MB each, allowed types checked by extension and content', () => {
  it('stores allowed files with the server’s MIME type, readable back through storage', async () => {
    const created = await submitOk(customer, submitInput({ attachments: [files.pdf(), files.png(), files.txt()] }));
    expect(created.attachments.map((a) => [a.fileName, a.mimeType])).toEqual([
      ['report.pdf', 'application/pdf'],
      ['photo.png', 'image/png'],
      ['note.txt', 'text/plain; charset=utf-8'],
    ]);
    const { readAttachment } = await import('@/graphql/interactions/interaction.service');
    const { bytes } = await readAttachment(customer, created.id, created.attachments[2]!.id);
    expect(Buffer.from(bytes).toString('utf8')).toBe('现场情况说明');
  });

  it('refuses a sixth file, a file over 10 MB, a disallowed extension and content that does not match its extension', async () => {
    const cases = [
      Array.from({ length: 6 }, (_, i) => files.txt(`n${i}.txt`)),
      [files.ofSize(10 * 1024 * 1024 + 1)],
      [{ fileName: 'script.exe', contentBase64: files.exe().contentBase64 }],
      [{ fileName: 'page.html', contentBase64: Buffer.from('<script>alert(1)</script>').toString('base64') }],
      [files.exe('invoice.pdf')],
      [{ fileName: 'fake.png', contentBase64: files.pdf().contentBase64 }],
      [{ fileName: 'binary.txt', contentBase64: Buffer.from([0x00, 0x01, 0x02]).toString('base64') }],
    ];
    const before = await prisma.interaction.count();
    for (const attachments of cases) {
      const result = await submit(customer, submitInput({ attachments }));
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions!.fields).toHaveProperty('attachments');
    }
    expect(await prisma.interaction.count()).toBe(before);
  }, 60_000);

  it('accepts exactly 5 files and exactly 10 MB', async () => {
    const five = await submitOk(
      customer,
      submitInput({ attachments: Array.from({ length: 5 }, (_, i) => files.txt(`n${i}.txt`)) }),
    );
    expect(five.attachments).toHaveLength(5);
    const big = await submitOk(customer, submitInput({ attachments: [files.ofSize(10 * 1024 * 1024)] }));
    expect(big.attachments[0]!.sizeBytes).toBe(10 * 1024 * 1024);
  }, 60_000);

  it('a submission that fails after storing a file leaves no file behind (the transaction rolled back)', async () => {
    // Real disk storage whose second write fails: the first file was written, then the work threw.
    const dir = mkdtempSync(join(tmpdir(), 'kefu-cleanup-'));
    class FailingSecondPut extends DiskStorage {
      puts = 0;
      override async put(key: string, bytes: Uint8Array) {
        if (++this.puts === 2) throw new Error('disk full');
        await super.put(key, bytes);
      }
    }
    const failing = new FailingSecondPut(dir);
    setStorage(failing);
    try {
      const before = await prisma.interaction.count();
      const result = await submit(
        customer,
        submitInput({ subject: '附件写入失败', attachments: [files.txt('a.txt'), files.txt('b.txt')] }),
      );
      expect(errorCodes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(failing.puts).toBe(2);
      expect(await prisma.interaction.count()).toBe(before);
      expect(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())).toEqual([]);
    } finally {
      useTempStorage();
    }
  });
});

describe('staff intake and conversion to a complaint', () => {
  it('records a phone call (来电记录) on a customer with the registering agent', async () => {
    const result = await gqlOk<{
      recordInteraction: { number: string; channel: string; registeredBy: { id: string } };
    }>(agent, RECORD, {
      input: {
        channel: 'PHONE',
        type: 'INQUIRY',
        customerId,
        subject: '查询检测报告进度',
        description: '客户来电询问报告何时出具',
        contactPhone: '021-55550000',
      },
    });
    expect(result.recordInteraction.number).toMatch(/^CX-/);
    expect(result.recordInteraction.channel).toBe('PHONE');
    expect(result.recordInteraction.registeredBy.id).toBe(agent.kind === 'staff' ? agent.userId : '');
  });

  it('converts a consultation into a linked complaint with history on both; a stale version is a CONFLICT', async () => {
    const recorded = await gqlOk<{ recordInteraction: { id: string; number: string; version: number } }>(
      agent,
      RECORD,
      {
        input: { channel: 'VISIT', type: 'CONSULTATION', customerId, subject: '咨询换货流程', description: '来访咨询' },
      },
    );
    const source = recorded.recordInteraction;
    const CONVERT = `mutation($id: ID!, $version: Int!) { convertToComplaint(id: $id, version: $version) {
      id number type channel sourceInteraction { id number derivedInteractions { id } } history { action message { key params } } } }`;
    const converted = await gqlOk<{
      convertToComplaint: {
        id: string;
        number: string;
        type: string;
        channel: string;
        sourceInteraction: { id: string; derivedInteractions: { id: string }[] };
        history: { action: string; message: { key: string; params: unknown } }[];
      };
    }>(agent, CONVERT, { id: source.id, version: source.version });
    const complaint = converted.convertToComplaint;
    expect(complaint.number).toMatch(/^TS-/);
    expect(complaint.type).toBe('COMPLAINT');
    expect(complaint.channel).toBe('VISIT');
    expect(complaint.sourceInteraction.id).toBe(source.id);
    expect(complaint.sourceInteraction.derivedInteractions.map((d) => d.id)).toEqual([complaint.id]);
    expect(complaint.history).toEqual([
      { action: 'CREATE', message: { key: 'interaction.convertedFrom', params: { number: source.number } } },
    ]);
    const sourceHistory = await gqlOk<{
      interaction: { history: { action: string; message: { text: string } }[]; timeline: { action: string }[] };
    }>(agent, `query($id: ID!) { interaction(id: $id) { history { action message { text } } timeline { action } } }`, {
      id: source.id,
    });
    expect(sourceHistory.interaction.history.map((h) => h.action)).toEqual(['CREATE', 'CONVERT_TO_COMPLAINT']);
    expect(sourceHistory.interaction.history[1]!.message.text).toBe(`Converted to complaint ${complaint.number}`);

    expect(errorCodes(await gqlAs(agent, CONVERT, { id: source.id, version: source.version }))).toEqual(['CONFLICT']);
    expect(errorCodes(await gqlAs(agent, CONVERT, { id: source.id, version: source.version + 1 }))).toEqual([
      'CONFLICT',
    ]);
    expect(errorCodes(await gqlAs(agent, CONVERT, { id: complaint.id, version: 1 }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('lists and filters', () => {
  it('filters by type, channel, status, search on number/subject and date; counts by status', async () => {
    const target = await submitOk(customer, submitInput({ type: 'INQUIRY', subject: '独一无二的查询主题' }));
    type ListResult = {
      interactions: {
        totalCount: number;
        nodes: { id: string }[];
        countsByStatus: { status: string; count: number }[];
      };
    };
    const LIST = `query($filter: InteractionFilter, $first: Int, $after: String) { interactions(filter: $filter, first: $first, after: $after) {
      totalCount nodes { id } countsByStatus { status count } pageInfo { hasNextPage endCursor } } }`;
    const bySubject = await gqlOk<ListResult>(agent, LIST, { filter: { search: '独一无二' } });
    expect(bySubject.interactions.nodes.map((n) => n.id)).toEqual([target.id]);
    const byNumber = await gqlOk<ListResult>(agent, LIST, { filter: { search: target.number } });
    expect(byNumber.interactions.nodes.map((n) => n.id)).toEqual([target.id]);
    const inquiries = await gqlOk<ListResult>(agent, LIST, { filter: { type: ['INQUIRY'], channel: ['PORTAL'] } });
    expect(inquiries.interactions.nodes.map((n) => n.id)).toContain(target.id);
    const phone = await gqlOk<ListResult>(agent, LIST, { filter: { channel: ['PHONE'] } });
    expect(phone.interactions.nodes.map((n) => n.id)).not.toContain(target.id);
    const closed = await gqlOk<ListResult>(agent, LIST, { filter: { status: ['CLOSED'] } });
    expect(closed.interactions.totalCount).toBe(0);
    const total = await prisma.interaction.count();
    expect(closed.interactions.countsByStatus).toEqual([{ status: 'REGISTERED', count: total }]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const byDate = await gqlOk<ListResult>(agent, LIST, {
      filter: { createdAt: { from: today, to: today }, search: '独一无二' },
    });
    expect(byDate.interactions.totalCount).toBe(1);
    const past = await gqlOk<ListResult>(agent, LIST, { filter: { createdAt: { to: '2020-01-01' } } });
    expect(past.interactions.totalCount).toBe(0);
  });

  it('pages with a cursor without overlap', async () => {
    type Page = {
      interactions: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
    const LIST = `query($first: Int, $after: String) { interactions(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await gqlOk<Page>(agent, LIST, { first: 7, after });
      seen.push(...page.interactions.nodes.map((n) => n.id));
      if (!page.interactions.pageInfo.hasNextPage) break;
      after = page.interactions.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await prisma.interaction.count());
  });
});
