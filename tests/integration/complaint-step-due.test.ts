import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBusinessCalendar } from '@/graphql/complaints/business-calendar.service';
import { addBusinessHours } from '@/graphql/complaints/sla-clock.rules';
import { DEFAULT_STEP_HOURS } from '@/graphql/complaints/complaint-steps.rules';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// Issue 14 item 1: every step that waits on someone has a due time from the SLA rule's hours per step (business hours),
// shown to staff with who it waits on; a rule's hours per step are set and read through GraphQL.
const STEP = `query ($id: ID!) { interaction(id: $id) { version status triagedAt triageDueAt currentStep { step dueAt waitsOn } } }`;
type Step = {
  interaction: {
    version: number;
    status: string;
    triagedAt: string | null;
    triageDueAt: string | null;
    currentStep: { step: string; dueAt: string | null; waitsOn: string } | null;
  };
};

let manager: Viewer;
let agent: Viewer;
let handler: Viewer;
let handlerId: string;
let customer: Viewer;
let departmentId: string;

beforeAll(async () => {
  departmentId = (await prisma.department.create({ data: { code: 'STEP', name: '步骤部' } })).id;
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
  agent = (await createStaff('SERVICE_AGENT')).viewer;
  const h = await createStaff('DEPARTMENT_HANDLER', { departmentId });
  handler = h.viewer;
  handlerId = h.user.id;
  customer = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
});

describe('a due time on every step', () => {
  it('a rule sets hours per step (the rest default); the complaint’s steps follow them', async () => {
    const created = await gqlOk<{ createSlaRule: { id: string; stepHours: { step: string; hours: number }[] } }>(
      manager,
      `mutation ($input: SlaRuleInput!) { createSlaRule(input: $input) { id stepHours { step hours } } }`,
      {
        input: {
          interactionType: 'COMPLAINT',
          severity: 'GENERAL',
          triageHours: 4,
          resolutionHours: 40,
          callbackDays: 7,
          stepHours: [
            { step: 'INVESTIGATION', hours: 6 },
            { step: 'ACTION_PLAN', hours: 3 },
          ],
        },
      },
    );
    const hours = Object.fromEntries(created.createSlaRule.stepHours.map((s) => [s.step, s.hours]));
    expect(hours).toEqual({ ...DEFAULT_STEP_HOURS, INVESTIGATION: 6, ACTION_PLAN: 3 });

    const { submitInteraction } = await gqlOk<{ submitInteraction: { id: string } }>(
      customer,
      `mutation($input: SubmitInteractionInput!) { submitInteraction(input: $input) { id } }`,
      { input: { idempotencyKey: randomUUID(), type: 'COMPLAINT', subject: '交期延误', description: '延误 5 天' } },
    );
    const id = submitInteraction.id;
    const registered = await gqlOk<Step>(agent, STEP, { id });
    expect(registered.interaction.currentStep).toEqual({
      step: 'TRIAGE',
      dueAt: registered.interaction.triageDueAt,
      waitsOn: 'SERVICE_DESK',
    });
    // Customers do not see the internal step clock.
    expect((await gqlOk<Step>(customer, STEP, { id })).interaction.currentStep).toBeNull();

    await gqlOk(
      agent,
      `mutation($id: ID!, $input: TriageInput!) { triageComplaint(id: $id, version: 1, input: $input) { id } }`,
      {
        id,
        input: {
          severity: 'GENERAL',
          causeClass: 'NON_QUALITY',
          triageResult: 'WITHIN_AUTHORITY',
          responsibleDepartmentId: departmentId,
          ownerId: handlerId,
        },
      },
    );
    const calendar = await loadBusinessCalendar();
    const triaged = await gqlOk<Step>(handler, STEP, { id });
    expect(triaged.interaction.currentStep?.step).toBe('INVESTIGATION');
    expect(triaged.interaction.currentStep?.waitsOn).toBe('OWNER');
    expect(triaged.interaction.currentStep?.dueAt).toBe(
      addBusinessHours(new Date(triaged.interaction.triagedAt!), 6, calendar).toISOString(),
    );

    // Starting the investigation is the same step: its clock keeps running.
    const started = await gqlOk<{ advanceComplaint: { version: number } }>(
      handler,
      `mutation($id: ID!, $v: Int!) { advanceComplaint(id: $id, version: $v, command: START_INVESTIGATION) { version } }`,
      { id, v: triaged.interaction.version },
    );
    const investigating = await gqlOk<Step>(handler, STEP, { id });
    expect(investigating.interaction.currentStep?.dueAt).toBe(triaged.interaction.currentStep?.dueAt);

    await gqlOk(
      handler,
      `mutation($id: ID!, $owner: ID!) { addComplaintAction(interactionId: $id, input: { kind: CORRECTIVE, description: "调整排产", ownerId: $owner, dueAt: "2099-12-31T09:59:59Z" }) { id } }`,
      { id, owner: handlerId },
    );
    const before = new Date();
    await gqlOk(
      handler,
      `mutation($id: ID!, $v: Int!) { advanceComplaint(id: $id, version: $v, command: PLAN_ACTIONS) { id } }`,
      { id, v: (await gqlOk<Step>(handler, STEP, { id })).interaction.version },
    );
    const after = new Date();
    const planned = await gqlOk<Step>(handler, STEP, { id });
    expect(planned.interaction.currentStep?.step).toBe('ACTION_PLAN');
    const due = new Date(planned.interaction.currentStep!.dueAt!).getTime();
    expect(due).toBeGreaterThanOrEqual(addBusinessHours(before, 3, calendar).getTime());
    expect(due).toBeLessThanOrEqual(addBusinessHours(after, 3, calendar).getTime());
    expect(started.advanceComplaint.version).toBeGreaterThan(1);
  });

  it('refuses hours per step out of range with a field message', async () => {
    const refused = await gqlAs(manager, `mutation ($input: SlaRuleInput!) { createSlaRule(input: $input) { id } }`, {
      input: {
        interactionType: 'COMPLAINT',
        severity: 'MAJOR',
        triageHours: 4,
        resolutionHours: 40,
        callbackDays: 7,
        stepHours: [{ step: 'APPROVAL', hours: 0 }],
      },
    });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(Object.keys((refused.errors?.[0]?.extensions?.fields as object) ?? {})[0]).toMatch(/^stepHours/);
  });
});
