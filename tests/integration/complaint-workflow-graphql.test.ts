import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

const DETAIL = /* GraphQL */ `
  query ($id: ID!) {
    interaction(id: $id) {
      id
      status
      version
      severity
      triageDueAt
      resolutionDueAt
      availableCommands
      owner {
        id
      }
      responsibleDepartment {
        code
      }
      actions {
        id
      }
      eightD {
        id
      }
      approvals {
        id
      }
      timeline {
        action
        toState
      }
    }
  }
`;
type Detail = {
  interaction: {
    id: string;
    status: string;
    version: number;
    severity: string | null;
    triageDueAt: string | null;
    resolutionDueAt: string | null;
    availableCommands: string[];
    owner: { id: string } | null;
    responsibleDepartment: { code: string } | null;
    actions: { id: string }[];
    eightD: { id: string } | null;
    approvals: { id: string }[];
    timeline: { action: string; toState: string | null }[];
  };
};

/** Submits a record through the portal's mutation as `viewer`: its id and version. */
async function submitAs(viewer: Viewer, type: string, subject: string, description: string) {
  const result = await gqlOk<{ submitInteraction: { id: string; version: number } }>(
    viewer,
    `mutation($input: SubmitInteractionInput!) { submitInteraction(input: $input) { id version } }`,
    { input: { idempotencyKey: randomUUID(), type, subject, description } },
  );
  return result.submitInteraction;
}

let agent: Viewer;
let handler: Viewer;
let handlerId: string;
let customer: Viewer;
let departmentId: string;

describe('complaint workflow through GraphQL', () => {
  beforeAll(async () => {
    departmentId = (await prisma.department.create({ data: { code: 'QA2', name: '品质部' } })).id;
    agent = (await createStaff('SERVICE_AGENT')).viewer;
    const h = await createStaff('DEPARTMENT_HANDLER', { departmentId });
    handler = h.viewer;
    handlerId = h.user.id;
    const customerId = (await createCustomerRecord()).id;
    customer = (await createCustomerUser(customerId)).viewer;
    await prisma.slaRule.create({
      data: { interactionType: 'COMPLAINT', severity: 'GENERAL', triageHours: 4, resolutionHours: 40, callbackDays: 7 },
    });
  });

  it('a portal complaint gets its triage due time, is triaged and investigated; customers see the timeline, not the internals', async () => {
    const submitted = { submitInteraction: await submitAs(customer, 'COMPLAINT', '包装破损', '到货外箱破损 3 箱') };
    const { id } = submitted.submitInteraction;
    const asCustomer = await gqlOk<Detail>(customer, DETAIL, { id });
    expect(asCustomer.interaction.triageDueAt).not.toBeNull();
    expect(asCustomer.interaction.availableCommands).toEqual([]);

    const asAgent = await gqlOk<Detail>(agent, DETAIL, { id });
    expect(asAgent.interaction.availableCommands).toEqual(['TRIAGE', 'DECLINE']);
    const triaged = await gqlOk<{ triageComplaint: { status: string; version: number; severity: string } }>(
      agent,
      `mutation($id: ID!, $version: Int!, $input: TriageInput!) { triageComplaint(id: $id, version: $version, input: $input) { status version severity } }`,
      {
        id,
        version: asAgent.interaction.version,
        input: {
          severity: 'GENERAL',
          causeClass: 'NON_QUALITY',
          triageResult: 'WITHIN_AUTHORITY',
          responsibleDepartmentId: departmentId,
          ownerId: handlerId,
        },
      },
    );
    expect(triaged.triageComplaint).toMatchObject({ status: 'TRIAGED', severity: 'GENERAL' });

    // A stale version: CONFLICT, nothing changes.
    const stale = await gqlAs(
      agent,
      `mutation($id: ID!) { advanceComplaint(id: $id, version: 1, command: START_INVESTIGATION) { id } }`,
      { id },
    );
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    // The wrong role: FORBIDDEN.
    const byAgent = await gqlAs(
      agent,
      `mutation($id: ID!, $v: Int!) { advanceComplaint(id: $id, version: $v, command: START_INVESTIGATION) { id } }`,
      { id, v: triaged.triageComplaint.version },
    );
    expect(errorCodes(byAgent)).toEqual(['FORBIDDEN']);
    const started = await gqlOk<{ advanceComplaint: { status: string } }>(
      handler,
      `mutation($id: ID!, $v: Int!) { advanceComplaint(id: $id, version: $v, command: START_INVESTIGATION) { status } }`,
      { id, v: triaged.triageComplaint.version },
    );
    expect(started.advanceComplaint.status).toBe('INVESTIGATING');
    const blocked = await gqlOk<{
      interaction: { availableCommands: string[]; blockedCommands: { command: string; reason: string }[] };
    }>(handler, `query($id: ID!) { interaction(id: $id) { availableCommands blockedCommands { command reason } } }`, {
      id,
    });
    expect(blocked.interaction.availableCommands).toEqual([]);
    expect(blocked.interaction.blockedCommands).toEqual([
      { command: 'PLAN_ACTIONS', reason: 'At least one corrective action is needed.' },
    ]);
    const action = await gqlAs(
      handler,
      `mutation($id: ID!, $owner: ID!) { addComplaintAction(interactionId: $id, input: { kind: CORRECTIVE, description: "加强包装", ownerId: $owner, dueAt: "2026-12-31T09:59:59Z" }) { id status } }`,
      { id, owner: handlerId },
    );
    expect(errorCodes(action)).toEqual([]);

    const internal = await gqlOk<Detail>(customer, DETAIL, { id });
    expect(internal.interaction.actions).toEqual([]);
    expect(internal.interaction.eightD).toBeNull();
    expect(internal.interaction.timeline.map((t) => t.toState)).toEqual(['REGISTERED', 'TRIAGED', 'INVESTIGATING']);
    const staffView = await gqlOk<Detail>(handler, DETAIL, { id });
    expect(staffView.interaction.actions).toHaveLength(1);
    expect(staffView.interaction.owner?.id).toBe(handlerId);
    expect(staffView.interaction.responsibleDepartment?.code).toBe('QA2');
  });

  it('triage as 重大 makes the 8D report required, and a closure keeps its comment in the history and the approvals', async () => {
    const submitted = { submitInteraction: await submitAs(customer, 'COMPLAINT', '批量尺寸超差', '整批孔径超差') };
    const triaged = await gqlOk<{ triageComplaint: { requires8D: boolean; availableCommands: string[] } }>(
      agent,
      `mutation($id: ID!, $input: TriageInput!) {
        triageComplaint(id: $id, version: 1, input: $input) { requires8D availableCommands }
      }`,
      {
        id: submitted.submitInteraction.id,
        input: {
          severity: 'MAJOR',
          causeClass: 'QUALITY',
          triageResult: 'WITHIN_AUTHORITY',
          responsibleDepartmentId: departmentId,
          ownerId: handlerId,
          requires8D: false,
        },
      },
    );
    expect(triaged.triageComplaint.requires8D).toBe(true);

    // A consultation's short path ends with CLOSE: the comment is the history's and the closure approval's.
    const asked = { submitInteraction: await submitAs(customer, 'CONSULTATION', '证书查询', '证书有效期') };
    const id = asked.submitInteraction.id;
    const answered = await gqlOk<{ answerInteraction: { version: number } }>(
      agent,
      `mutation($id: ID!) { answerInteraction(id: $id, version: 1, answer: "有效期至 2027 年。") { version } }`,
      { id },
    );
    const closed = await gqlOk<{
      advanceComplaint: { status: string; history: { action: string; comment: string | null }[] };
    }>(
      agent,
      `mutation($id: ID!, $v: Int!) {
        advanceComplaint(id: $id, version: $v, command: CLOSE, comment: "客户确认无其他问题") {
          status history { action comment }
        }
      }`,
      { id, v: answered.answerInteraction.version },
    );
    expect(closed.advanceComplaint.status).toBe('CLOSED');
    expect(closed.advanceComplaint.history.find((h) => h.action === 'CLOSE')?.comment).toBe('客户确认无其他问题');
  });

  it('customers cannot run staff steps, and cannot act on another organisation’s complaint', async () => {
    const mine = await gqlOk<{ submitInteraction: { id: string; version: number } }>(
      customer,
      `mutation($input: SubmitInteractionInput!) { submitInteraction(input: $input) { id version } }`,
      { input: { idempotencyKey: randomUUID(), type: 'COMPLAINT', subject: 's', description: 'd' } },
    );
    const { id, version } = mine.submitInteraction;
    expect(
      errorCodes(
        await gqlAs(
          customer,
          `mutation($id: ID!, $v: Int!) { declineInteraction(id: $id, version: $v, reason: "x") { id } }`,
          { id, v: version },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const stranger = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
    expect(
      errorCodes(
        await gqlAs(
          stranger,
          `mutation($id: ID!, $v: Int!) { respondToResolution(id: $id, version: $v, accepted: true) { id } }`,
          { id, v: version },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await gqlAs(
          { kind: 'anonymous' },
          `mutation($id: ID!, $v: Int!) { respondToResolution(id: $id, version: $v, accepted: true) { id } }`,
          { id, v: version },
        ),
      ),
    ).toEqual(['UNAUTHENTICATED']);
  });
});
