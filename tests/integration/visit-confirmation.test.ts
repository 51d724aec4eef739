import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// Issue 13: a customer confirms, in the portal, a visit its salesperson planned on an approved itinerary — its own
// company's only; another company's line is NOT_FOUND, staff may not confirm for the customer.

const LIST = `{ myScheduledVisits { id plannedDate purpose salespersonName confirmedAt } }`;
const CONFIRM = `mutation($id: ID!) { confirmScheduledVisit(id: $id) { id confirmedAt } }`;

type Visit = { id: string; plannedDate: string; purpose: string; salespersonName: string; confirmedAt: string | null };

let mine: Viewer;
let other: Viewer;
let salesperson: Viewer;
let approvedItem: string;
let draftItem: string;
let otherItem: string;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

beforeAll(async () => {
  const sales = await createStaff('SERVICE_AGENT', { name: '拜访业务员' });
  salesperson = sales.viewer;
  const customerId = (await createCustomerRecord({ name: '确认拜访甲公司', ownerId: sales.user.id })).id;
  const otherId = (await createCustomerRecord({ name: '确认拜访乙公司', ownerId: sales.user.id })).id;
  ({ viewer: mine } = await createCustomerUser(customerId));
  ({ viewer: other } = await createCustomerUser(otherId));
  const approved = await prisma.itinerary.create({
    data: {
      ownerId: sales.user.id,
      weekStart: new Date('2099-01-05T00:00:00Z'),
      status: 'APPROVED',
      items: {
        create: [
          { customerId, plannedAt: inDays(3), purpose: '设备巡检' },
          { customerId: otherId, plannedAt: inDays(3), purpose: '合同回访' },
          // Past visits are not offered.
          { customerId, plannedAt: inDays(-30), purpose: '上月拜访' },
        ],
      },
    },
    include: { items: true },
  });
  approvedItem = approved.items.find((i) => i.purpose === '设备巡检')!.id;
  otherItem = approved.items.find((i) => i.purpose === '合同回访')!.id;
  const draft = await prisma.itinerary.create({
    data: {
      ownerId: sales.user.id,
      weekStart: new Date('2099-01-12T00:00:00Z'),
      items: { create: [{ customerId, plannedAt: inDays(10), purpose: '尚未批准的拜访' }] },
    },
    include: { items: true },
  });
  draftItem = draft.items[0]!.id;
});

describe('confirming a planned visit in the portal', () => {
  it('lists the own company’s approved visits from today on, and confirms one once', async () => {
    const list = (await gqlOk<{ myScheduledVisits: Visit[] }>(mine, LIST)).myScheduledVisits;
    expect(list.map((v) => [v.id, v.purpose, v.salespersonName, v.confirmedAt])).toEqual([
      [approvedItem, '设备巡检', '拜访业务员', null],
    ]);
    const confirmed = await gqlOk<{ confirmScheduledVisit: { confirmedAt: string } }>(mine, CONFIRM, {
      id: approvedItem,
    });
    expect(confirmed.confirmScheduledVisit.confirmedAt).toBeTruthy();
    expect(errorCodes(await gqlAs(mine, CONFIRM, { id: approvedItem }))).toEqual(['CONFLICT']);
    const history = await prisma.historyEntry.findMany({
      where: { entityType: 'Itinerary', action: 'CUSTOMER_CONFIRMED' },
    });
    expect(history).toHaveLength(1);
  });

  it('never another company’s visit, nor a plan not yet approved; staff cannot confirm for the customer', async () => {
    expect(errorCodes(await gqlAs(mine, CONFIRM, { id: otherItem }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gqlAs(mine, CONFIRM, { id: draftItem }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gqlAs(mine, CONFIRM, { id: 'not-an-id' }))).toEqual(['NOT_FOUND']);
    const theirs = (await gqlOk<{ myScheduledVisits: Visit[] }>(other, LIST)).myScheduledVisits;
    expect(theirs.map((v) => v.id)).toEqual([otherItem]);
    expect(errorCodes(await gqlAs(other, CONFIRM, { id: approvedItem }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gqlAs(salesperson, CONFIRM, { id: otherItem }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(salesperson, LIST))).toEqual(['FORBIDDEN']);
    expect((await prisma.itineraryItem.findUniqueOrThrow({ where: { id: otherItem } })).customerConfirmedAt).toBeNull();
  });
});
