import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@/graphql/admin/admin.service';
import { checkApiKey } from '@/server/auth/api-keys';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// Issue 15 "What it must show": an API client with complaints:workflow runs a complaint from triage to closure through
// the console's own mutations, and the history names the key's service account; without the scope, FORBIDDEN.

const STATE = `query ($id: ID!) {
  interaction(id: $id) {
    id status version availableCommands
    actions { id version }
    eightD { id version }
    callbacks { id version status reason }
  }
}`;
type State = {
  interaction: {
    id: string;
    status: string;
    version: number;
    availableCommands: string[];
    actions: { id: string; version: number }[];
    eightD: { id: string; version: number } | null;
    callbacks: { id: string; version: number; status: string; reason: string }[];
  };
};

const RECORD = `mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id version status } }`;
const TRIAGE = `mutation ($id: ID!, $version: Int!, $input: TriageInput!) {
  triageComplaint(id: $id, version: $version, input: $input) { status version }
}`;
const ADVANCE = `mutation ($id: ID!, $version: Int!, $command: SimpleWorkflowCommand!, $comment: String) {
  advanceComplaint(id: $id, version: $version, command: $command, comment: $comment) { status version }
}`;
const SAVE_8D = `mutation ($id: ID!, $input: EightDInput!) { saveEightD(interactionId: $id, input: $input) { id complete } }`;
const ADD_ACTION = `mutation ($id: ID!, $input: ComplaintActionInput!) {
  addComplaintAction(interactionId: $id, input: $input) { id version status }
}`;
const UPDATE_ACTION = `mutation ($id: ID!, $version: Int!, $input: ComplaintActionInput!) {
  updateComplaintAction(id: $id, version: $version, input: $input) { id status }
}`;
const VERIFY = `mutation ($id: ID!, $version: Int!) {
  verifyComplaint(id: $id, version: $version, effective: true, comment: "复检合格") { status version }
}`;
const RECORD_CALLBACK = `mutation ($id: ID!, $version: Int!) {
  recordCallback(id: $id, version: $version, input: { outcome: NO_PROBLEM, accuracyScore: 5, timelinessScore: 4, attitudeScore: 5 }) {
    status completedBy { id name }
  }
}`;

let admin: Viewer;
let handlerId: string;
let departmentId: string;
let customerId: string;

/** A key made as the admin makes it on the API keys page, and the viewer its bearer becomes (the route's path). */
async function apiClient(name: string, scopes: string[]) {
  const { apiKey, key } = await createApiKey(admin, { name, scopes });
  const check = await checkApiKey(key);
  if (check.status !== 'valid') throw new Error(`key not valid: ${check.status}`);
  return { apiKey, viewer: check.viewer };
}

async function state(viewer: Viewer, id: string) {
  return (await gqlOk<State>(viewer, STATE, { id })).interaction;
}

describe('the complaint workflow through the API (complaints:workflow)', () => {
  beforeAll(async () => {
    admin = (await createStaff('ADMIN')).viewer;
    departmentId = (await prisma.department.create({ data: { code: 'API-QA', name: '品质部' } })).id;
    handlerId = (await createStaff('DEPARTMENT_HANDLER', { departmentId })).user.id;
    customerId = (await createCustomerRecord()).id;
  });

  it('runs a major complaint from triage to closure; every step names the service account', async () => {
    const { apiKey, viewer: erp } = await apiClient('ERP 质量接口', [
      'customers:read',
      'interactions:read',
      'interactions:write',
      'complaints:workflow',
      'callbacks:read',
      'callbacks:write',
    ]);
    expect(apiKey.serviceAccountId).not.toBeNull();
    const account = await prisma.user.findUniqueOrThrow({ where: { id: apiKey.serviceAccountId! } });
    // A named account of its own that cannot sign in and is offered in no picker.
    expect(account).toMatchObject({ name: 'ERP 质量接口', active: false });

    const recorded = await gqlOk<{ recordInteraction: { id: string; version: number } }>(erp, RECORD, {
      input: {
        channel: 'PHONE',
        type: 'COMPLAINT',
        customerId,
        subject: '批次 B-17 焊点开裂',
        description: '来料检验发现 12 件焊点开裂',
      },
    });
    const id = recorded.recordInteraction.id;
    expect((await state(erp, id)).availableCommands).toEqual(['TRIAGE', 'DECLINE']);

    let v = (
      await gqlOk<{ triageComplaint: { status: string; version: number } }>(erp, TRIAGE, {
        id,
        version: recorded.recordInteraction.version,
        input: {
          severity: 'MAJOR',
          causeClass: 'QUALITY',
          triageResult: 'WITHIN_AUTHORITY',
          responsibleDepartmentId: departmentId,
          ownerId: handlerId,
        },
      })
    ).triageComplaint.version;

    const advance = async (command: string, comment?: string) => {
      const r = await gqlOk<{ advanceComplaint: { status: string; version: number } }>(erp, ADVANCE, {
        id,
        version: v,
        command,
        comment,
      });
      v = r.advanceComplaint.version;
      return r.advanceComplaint.status;
    };
    expect(await advance('START_INVESTIGATION')).toBe('INVESTIGATING');

    // 8D (major complaint) and a corrective action with an owner and a due date.
    const eightD = await gqlOk<{ saveEightD: { complete: boolean } }>(erp, SAVE_8D, {
      id,
      input: {
        d1Team: ['品质部 张工', '生产部 李工'],
        d2Problem: '焊点开裂',
        d3Containment: '库存全检隔离',
        d4RootCauseOccurrence: '回流焊温度曲线漂移',
        d4RootCauseOutflow: '出货检验未抽检焊点',
        d5CorrectiveActions: '校准炉温并加装监控',
        d6Verification: '连续 3 批抽检合格',
        d7Prevention: '更新 PFMEA 与控制计划',
      },
    });
    expect(eightD.saveEightD.complete).toBe(true);
    const action = {
      kind: 'CORRECTIVE',
      description: '校准回流焊炉温曲线',
      ownerId: handlerId,
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    };
    const added = await gqlOk<{ addComplaintAction: { id: string; version: number } }>(erp, ADD_ACTION, {
      id,
      input: action,
    });
    v = (await state(erp, id)).version;
    expect(await advance('PLAN_ACTIONS')).toBe('ACTION_PLANNED');
    expect(await advance('SUBMIT_FOR_APPROVAL')).toBe('PENDING_APPROVAL');
    expect(await advance('APPROVE', '同意整改方案')).toBe('IMPLEMENTING');
    await gqlOk(erp, UPDATE_ACTION, {
      id: added.addComplaintAction.id,
      version: added.addComplaintAction.version,
      input: { ...action, status: 'DONE' },
    });
    expect(await advance('COMPLETE_IMPLEMENTATION')).toBe('VERIFYING');
    const verified = await gqlOk<{ verifyComplaint: { status: string; version: number } }>(erp, VERIFY, {
      id,
      version: v,
    });
    expect(verified.verifyComplaint.status).toBe('RESOLVED');

    // The post-resolution callback: recording it completes the follow-up.
    const resolved = await state(erp, id);
    const task = resolved.callbacks.find((c) => c.reason === 'POST_RESOLUTION' && c.status === 'PENDING');
    expect(task).toBeDefined();
    const called = await gqlOk<{
      recordCallback: { status: string; completedBy: { id: string; name: string } | null };
    }>(erp, RECORD_CALLBACK, { id: task!.id, version: task!.version });
    expect(called.recordCallback.status).toBe('DONE');
    v = (await state(erp, id)).version;
    expect((await state(erp, id)).status).toBe('FOLLOW_UP_DONE');
    expect(await advance('CLOSE', '客户确认，结案')).toBe('CLOSED');

    // Who did it: the service account, in the history, the approvals, the closure and the callback.
    const after = await prisma.interaction.findUniqueOrThrow({
      where: { id },
      include: { approvals: true, callbacks: true },
    });
    expect(after.closureConfirmedById).toBe(account.id);
    expect(after.approvals.map((a) => [a.stage, a.approverId])).toEqual(
      expect.arrayContaining([
        ['DISPOSITION', account.id],
        ['CLOSURE', account.id],
      ]),
    );
    expect(after.callbacks.find((c) => c.id === task!.id)?.completedById).toBe(account.id);
    const steps = await prisma.historyEntry.findMany({
      where: { entityType: 'Interaction', entityId: id },
      orderBy: { createdAt: 'asc' },
      include: { actor: { select: { id: true, name: true } } },
    });
    expect(steps.map((s) => s.action)).toEqual(
      expect.arrayContaining([
        'TRIAGE',
        'START_INVESTIGATION',
        'PLAN_ACTIONS',
        'SUBMIT_FOR_APPROVAL',
        'APPROVE',
        'COMPLETE_IMPLEMENTATION',
        'VERIFY',
        'CALLBACK_RECORDED',
        'COMPLETE_FOLLOW_UP',
        'CLOSE',
      ]),
    );
    for (const step of steps) {
      expect(step.actor).toEqual({ id: account.id, name: 'ERP 质量接口' });
      expect(step.actorLabel).toBe('API: ERP 质量接口');
    }
    // Read back through the API as the history shows it.
    const history = await gqlOk<{
      interaction: { history: { action: string; actor: { name: string } | null; actorLabel: string | null }[] };
    }>(erp, `query ($id: ID!) { interaction(id: $id) { history { action actor { name } actorLabel } } }`, { id });
    const close = history.interaction.history.find((h) => h.action === 'CLOSE');
    expect(close).toMatchObject({ actor: { name: 'ERP 质量接口' }, actorLabel: 'API: ERP 质量接口' });
  });

  it('without complaints:workflow every step is FORBIDDEN and nothing changes', async () => {
    const { apiKey, viewer: crm } = await apiClient('CRM 只录入', [
      'interactions:read',
      'interactions:write',
      'callbacks:read',
    ]);
    // A write scope gives the key a service account (the intake it records names it), but no workflow steps.
    expect(apiKey.serviceAccountId).not.toBeNull();
    const recorded = await gqlOk<{ recordInteraction: { id: string; version: number } }>(crm, RECORD, {
      input: { channel: 'PHONE', type: 'COMPLAINT', customerId, subject: '外观划伤', description: '外壳划伤 3 件' },
    });
    const { id, version } = recorded.recordInteraction;
    expect((await state(crm, id)).availableCommands).toEqual([]);

    const triage = await gqlAs(crm, TRIAGE, {
      id,
      version,
      input: {
        severity: 'GENERAL',
        causeClass: 'QUALITY',
        triageResult: 'WITHIN_AUTHORITY',
        responsibleDepartmentId: departmentId,
        ownerId: handlerId,
      },
    });
    expect(errorCodes(triage)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(crm, ADVANCE, { id, version, command: 'START_INVESTIGATION' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await gqlAs(crm, SAVE_8D, { id, input: { d2Problem: 'x' } }))).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await gqlAs(crm, ADD_ACTION, {
          id,
          input: { kind: 'CORRECTIVE', description: 'x', ownerId: handlerId, dueAt: new Date().toISOString() },
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    const row = await prisma.interaction.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'REGISTERED', version });
  });
});
