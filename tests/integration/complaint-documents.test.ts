import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as eightDRoute } from '@/app/api/complaints/[id]/eight-d.pdf/route';
import { GET as handlingFormRoute } from '@/app/api/complaints/[id]/handling-form.pdf/route';
import { complaintDocumentPdf, loadComplaintDocumentData } from '@/graphql/complaints/complaint-document.service';
import { runCommand } from '@/graphql/complaints/complaint.service';
import { addComplaintAction, saveEightD } from '@/graphql/complaints/complaint-work.service';
import { recordInteraction } from '@/graphql/interactions/interaction.service';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createApiKeyRow, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { sessionCookie } from '../helpers/session';

type Route = typeof eightDRoute;
type Person = { userId: string; viewer: Viewer };

let complaintId: string;
let consultationId: string;
let quality: Person;
let handlerOfProduction: Person;
let handlerOfSales: Person;
let customer: Person;
let agent: Person;

async function get(route: Route, id: string, headers: Record<string, string> = {}) {
  return route(new NextRequest(`http://localhost/api/complaints/${id}/document.pdf`, { headers }), {
    params: Promise.resolve({ id }),
  });
}
const asUser = async (route: Route, id: string, person: Person) =>
  get(route, id, { cookie: await sessionCookie(person.userId) });

beforeAll(async () => {
  const production = await prisma.department.create({ data: { code: 'PROD', name: '生产部' } });
  const sales = await prisma.department.create({ data: { code: 'SALES', name: '市场销售部' } });
  const person = async (...args: Parameters<typeof createStaff>): Promise<Person> => {
    const { user, viewer } = await createStaff(...args);
    return { userId: user.id, viewer };
  };
  quality = await person('QUALITY_MANAGER');
  agent = await person('SERVICE_AGENT');
  handlerOfProduction = await person('DEPARTMENT_HANDLER', { departmentId: production.id });
  handlerOfSales = await person('DEPARTMENT_HANDLER', { departmentId: sales.id });
  const organisation = await createCustomerRecord({ name: '华东精密汽配有限公司' });
  const portal = await createCustomerUser(organisation.id);
  customer = { userId: portal.user.id, viewer: portal.viewer };

  let complaint = await recordInteraction(agent.viewer, {
    type: 'COMPLAINT',
    channel: 'PHONE',
    customerId: organisation.id,
    contactName: '刘经理',
    subject: '支架孔位偏移',
    description: '抽检 50 件，孔位偏移 0.3 mm',
    productRef: 'BR-118',
  });
  complaint = await runCommand(agent.viewer, complaint.id, complaint.version, {
    type: 'TRIAGE',
    severity: 'MAJOR',
    causeClass: 'QUALITY',
    triageResult: 'WITHIN_AUTHORITY',
    responsibleDepartmentId: production.id,
    ownerId: handlerOfProduction.userId,
  });
  complaint = await runCommand(handlerOfProduction.viewer, complaint.id, complaint.version, {
    type: 'START_INVESTIGATION',
  });
  await addComplaintAction(handlerOfProduction.viewer, complaint.id, {
    kind: 'CONTAINMENT',
    description: '在库产品全数挑选',
    ownerId: handlerOfProduction.userId,
    dueAt: new Date('2026-12-31T09:59:59Z'),
  });
  await saveEightD(handlerOfProduction.viewer, complaint.id, null, {
    d1Team: ['李品质（组长）'],
    d4RootCauseOccurrence: '定位销磨损',
    d4RootCauseOutflow: '首件未测孔位',
  });
  // A callback row as the callbacks module writes them (that module is built in parallel; the form reads the rows).
  await prisma.callback.create({
    data: {
      interactionId: complaint.id,
      customerId: organisation.id,
      reason: 'POST_RESOLUTION',
      dueAt: new Date('2026-12-08T02:00:00Z'),
      status: 'PENDING',
    },
  });
  complaintId = complaint.id;
  consultationId = (
    await recordInteraction(agent.viewer, {
      type: 'CONSULTATION',
      channel: 'PHONE',
      customerId: organisation.id,
      subject: '审核时间',
      description: '何时监督审核',
    })
  ).id;
});

describe('complaint document data', () => {
  it('is loaded with its relations, the 8D record, callbacks and the full history', async () => {
    const data = await loadComplaintDocumentData(quality.viewer, complaintId);
    expect(data).toMatchObject({
      customerName: '华东精密汽配有限公司',
      productRef: 'BR-118',
      severity: 'MAJOR',
      departmentName: '生产部',
    });
    expect(data.ownerName).toMatch(/^员工/);
    expect(data.actions.map((a) => a.description)).toEqual(['在库产品全数挑选']);
    expect(data.eightD).toMatchObject({ d1Team: ['李品质（组长）'], d4RootCauseOccurrence: '定位销磨损' });
    expect(data.callbacks).toMatchObject([{ reason: 'POST_RESOLUTION', status: 'PENDING' }]);
    expect(data.history.map((h) => h.action)).toEqual([
      'CREATE',
      'TRIAGE',
      'START_INVESTIGATION',
      'ACTION_ADDED',
      'EIGHT_D_CREATED',
    ]);
    expect(data.registeredByName).toMatch(/^员工/);
    // 核决权限 of a major complaint (default setting).
    expect(data.authority).toEqual({ approve: ['QUALITY_MANAGER', 'EXECUTIVE'], close: ['QUALITY_MANAGER'] });
  });

  it('renders both documents as PDF (size and time are logged)', async () => {
    for (const kind of ['eightD', 'handlingForm'] as const) {
      const started = performance.now();
      const { pdf, filename } = await complaintDocumentPdf(quality.viewer, complaintId, kind);
      const ms = performance.now() - started;
      console.log(`[complaint documents] ${filename}: ${pdf.length} bytes in ${ms.toFixed(0)} ms`);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});

describe.each([
  ['8D report', eightDRoute, /8D/],
  ['handling form', handlingFormRoute, /客户投诉处理单/],
] as const)('%s route', (_name, route, filename) => {
  it('serves the PDF inline to quality (session cookie) and to the responsible department’s handler', async () => {
    for (const person of [quality, handlerOfProduction, agent]) {
      const response = await asUser(route, complaintId, person);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const disposition = decodeURIComponent(response.headers.get('content-disposition') ?? '');
      expect(disposition).toMatch(/^inline;/);
      expect(disposition).toMatch(filename);
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
  });

  it('answers NOT_FOUND outside the read scope: another department’s handler, the customer, unknown ids, a consultation', async () => {
    for (const response of [
      await asUser(route, complaintId, handlerOfSales),
      await asUser(route, complaintId, customer),
      await asUser(route, '6f1c2b9e-1111-4222-8333-944455556666', quality),
      await asUser(route, 'not-a-uuid', quality),
      await asUser(route, consultationId, quality),
    ]) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });

  it('needs a sign-in; an API key needs interactions:read', async () => {
    expect((await get(route, complaintId)).status).toBe(401);
    const { key: reader } = await createApiKeyRow(['interactions:read']);
    const byKey = await get(route, complaintId, { authorization: `Bearer ${reader}` });
    expect(byKey.status).toBe(200);
    expect(byKey.headers.get('content-type')).toBe('application/pdf');
    const { key: customersOnly } = await createApiKeyRow(['customers:read']);
    expect((await get(route, complaintId, { authorization: `Bearer ${customersOnly}` })).status).toBe(403);
  });
});
