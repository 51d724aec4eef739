import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '@/graphql/complaints/complaint.service';
import { addComplaintAction, saveEightD, updateComplaintAction } from '@/graphql/complaints/complaint-work.service';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { gqlOk } from '../helpers/graphql';
import { zhMessage } from '../helpers/activity';

// SPEC §4 hand-offs in the console: each step tells the next person in the bell, in the step's own transaction.
const people = {} as Record<
  'agent' | 'head' | 'handler' | 'quality' | 'executive' | 'manager',
  { id: string; viewer: Viewer }
>;
let departmentId = '';
let customerId = '';
let customer: Viewer;

const kindsOf = async (userId: string, interactionId: string) =>
  (
    await prisma.notification.findMany({
      where: { userId, entityId: interactionId },
      orderBy: { createdAt: 'asc' },
      select: { kind: true },
    })
  ).map((n) => n.kind);

beforeAll(async () => {
  for (const [key, role] of [
    ['agent', 'SERVICE_AGENT'],
    ['head', 'DEPARTMENT_HANDLER'],
    ['handler', 'DEPARTMENT_HANDLER'],
    ['quality', 'QUALITY_MANAGER'],
    ['executive', 'EXECUTIVE'],
    ['manager', 'SERVICE_MANAGER'],
  ] as const) {
    const staff = await createStaff(role);
    people[key] = { id: staff.user.id, viewer: staff.viewer };
  }
  departmentId = (await prisma.department.create({ data: { code: 'N-PROD', name: '生产部', headId: people.head.id } }))
    .id;
  await prisma.user.updateMany({ where: { id: { in: [people.head.id, people.handler.id] } }, data: { departmentId } });
  for (const key of ['head', 'handler'] as const)
    people[key].viewer = { ...(people[key].viewer as Extract<Viewer, { kind: 'staff' }>), departmentId };
  customerId = (await createCustomerRecord()).id;
  customer = (await createCustomerUser(customerId)).viewer;
});

async function newComplaint() {
  return prisma.interaction.create({
    data: {
      number: `TS-N-${Math.random().toString(36).slice(2, 8)}`,
      type: 'COMPLAINT',
      channel: 'PHONE',
      subject: '批次不良',
      description: '尺寸超差',
      customerId,
      registeredById: people.agent.id,
    },
  });
}

describe('workflow steps notify the staff who act next', () => {
  it('a major complaint: head, then owner, approvers by 核决权限, quality, the agent for the callback, the owner on a dispute', async () => {
    let c = await newComplaint();
    // Triaged to the department without an owner, beyond its authority: the head and the service manager hear of it.
    c = await runCommand(people.agent.viewer, c.id, c.version, {
      type: 'TRIAGE',
      severity: 'MAJOR',
      causeClass: 'QUALITY',
      triageResult: 'BEYOND_AUTHORITY',
      responsibleDepartmentId: departmentId,
      ownerId: null,
    });
    expect(await kindsOf(people.head.id, c.id)).toEqual(['COMPLAINT_ASSIGNED']);
    expect(await kindsOf(people.manager.id, c.id)).toEqual(['COMPLAINT_RAISED']);
    expect(await kindsOf(people.agent.id, c.id)).toEqual([]); // the actor is not told of their own step
    await prisma.interaction.update({ where: { id: c.id }, data: { ownerId: people.handler.id } });
    c = await prisma.interaction.findUniqueOrThrow({ where: { id: c.id } });

    const h = people.handler.viewer;
    c = await runCommand(h, c.id, c.version, { type: 'START_INVESTIGATION' });
    // The handler owns the action they add: no notice to themselves (assigning it to someone else tells them).
    const due = new Date('2026-12-31T09:59:59Z');
    const action = await addComplaintAction(h, c.id, {
      kind: 'CORRECTIVE',
      description: '更换模具',
      ownerId: people.handler.id,
      dueAt: due,
    });
    await saveEightD(h, c.id, null, {
      d1Team: ['赵'],
      d2Problem: '超差',
      d3Containment: '隔离',
      d4RootCauseOccurrence: '磨损',
      d4RootCauseOutflow: '漏检',
      d5CorrectiveActions: '换模',
      d6Verification: '三批合格',
      d7Prevention: '更新 PFMEA',
    });
    c = await runCommand(h, c.id, c.version, { type: 'PLAN_ACTIONS' });
    c = await runCommand(h, c.id, c.version, { type: 'SUBMIT_FOR_APPROVAL' });
    // MAJOR: quality manager and executive may approve (DEFAULT_AUTHORITY); the service manager may not.
    expect(await kindsOf(people.quality.id, c.id)).toEqual(['APPROVAL_REQUESTED']);
    expect(await kindsOf(people.executive.id, c.id)).toEqual(['APPROVAL_REQUESTED']);
    expect(await kindsOf(people.manager.id, c.id)).toEqual(['COMPLAINT_RAISED']);

    c = await runCommand(people.executive.viewer, c.id, c.version, { type: 'APPROVE', comment: '同意' });
    expect(await kindsOf(people.handler.id, c.id)).toEqual(['PLAN_APPROVED']);
    await updateComplaintAction(h, action.id, action.version, {
      kind: 'CORRECTIVE',
      description: action.description,
      ownerId: people.handler.id,
      dueAt: due,
      status: 'DONE',
    });
    c = await runCommand(h, c.id, c.version, { type: 'COMPLETE_IMPLEMENTATION' });
    expect(await kindsOf(people.quality.id, c.id)).toEqual(['APPROVAL_REQUESTED', 'VERIFICATION_DUE']);
    c = await runCommand(people.quality.viewer, c.id, c.version, { type: 'VERIFY', effective: true });
    expect(await kindsOf(people.agent.id, c.id)).toEqual(['CALLBACK_CREATED']);
    c = await runCommand(customer, c.id, c.version, {
      type: 'CUSTOMER_FEEDBACK',
      accepted: false,
      comment: '问题仍在',
    });
    expect(await kindsOf(people.handler.id, c.id)).toEqual(['PLAN_APPROVED', 'CUSTOMER_DISPUTED']);
    expect(await kindsOf(people.agent.id, c.id)).toEqual(['CALLBACK_CREATED', 'CUSTOMER_DISPUTED']);

    // The owner reads them in the bell, newest first, linked to the workbench.
    const { myNotifications } = await gqlOk<{
      myNotifications: {
        nodes: { kind: string; title: string; message: { key: string; params: unknown }; href: string }[];
      };
    }>(h, `{ myNotifications(first: 5) { nodes { kind title message { key params } href } } }`);
    // Stored language-neutral: the console shows the key in the viewer's language; `title` is English for the API.
    const zh = myNotifications.nodes.map(({ message, ...n }) => ({
      ...n,
      title: zhMessage({ messageKey: message.key, messageParams: message.params }),
    }));
    expect(myNotifications.nodes[0]!.title).toBe(
      `The customer disputes the resolution; complaint reopened: ${c.number} “批次不良”`,
    );
    expect(zh.slice(0, 2)).toEqual([
      {
        kind: 'CUSTOMER_DISPUTED',
        title: `客户对处理结果有异议，投诉已重新打开：${c.number}「批次不良」`,
        href: `/console/complaints/${c.id}`,
      },
      {
        kind: 'PLAN_APPROVED',
        title: `处理方案已批准，可开始实施：${c.number}「批次不良」`,
        href: `/console/complaints/${c.id}`,
      },
    ]);
  });

  it('a complaint the customer lodged: its callback goes to the agent who triaged it, who is told', async () => {
    let c = await prisma.interaction.create({
      data: {
        number: 'TS-N-PORTAL',
        type: 'COMPLAINT',
        channel: 'PORTAL',
        subject: '包装破损',
        description: '外箱破损',
        customerId,
      },
    });
    c = await runCommand(people.agent.viewer, c.id, c.version, {
      type: 'TRIAGE',
      severity: 'GENERAL',
      causeClass: 'NON_QUALITY',
      triageResult: 'WITHIN_AUTHORITY',
      responsibleDepartmentId: departmentId,
      ownerId: people.handler.id,
    });
    c = await prisma.interaction.update({
      where: { id: c.id },
      data: { status: 'VERIFYING', version: { increment: 1 } },
    });
    c = await runCommand(people.quality.viewer, c.id, c.version, { type: 'VERIFY', effective: true });
    expect(await prisma.callback.findFirstOrThrow({ where: { interactionId: c.id } })).toMatchObject({
      reason: 'POST_RESOLUTION',
      assigneeId: people.agent.id,
    });
    expect(await kindsOf(people.agent.id, c.id)).toEqual(['CALLBACK_CREATED']);
    // The customer disputes: the owner and that agent hear of it.
    c = await runCommand(customer, c.id, c.version, {
      type: 'CUSTOMER_FEEDBACK',
      accepted: false,
      comment: '仍有破损',
    });
    expect(await kindsOf(people.agent.id, c.id)).toEqual(['CALLBACK_CREATED', 'CUSTOMER_DISPUTED']);
    expect(await kindsOf(people.handler.id, c.id)).toEqual(['COMPLAINT_ASSIGNED', 'CUSTOMER_DISPUTED']);
  });

  it('a refused step notifies nobody', async () => {
    const c = await newComplaint();
    await expect(
      runCommand(people.executive.viewer, c.id, c.version, {
        type: 'TRIAGE',
        severity: 'GENERAL',
        causeClass: 'QUALITY',
        triageResult: 'WITHIN_AUTHORITY',
        responsibleDepartmentId: departmentId,
        ownerId: people.handler.id,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await prisma.notification.count({ where: { entityId: c.id } })).toBe(0);
  });
});
