import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../complaints/sla-clock.rules';
import { formatWorkOrderNumber, WORK_ORDER_NUMBER_PATTERN, workOrderSequenceName } from './work-order-number.rules';
import {
  actorOf,
  arrivedOnTime,
  dayRange,
  weekRange,
  imageMimeOf,
  nextStatus,
  onSiteComplaintDueAt,
  onSiteComplaintOverdue,
  partsOf,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_STATUSES,
  type WorkOrderAction,
} from './work-order.rules';

const sh = (local: string) => new Date(`${local}+08:00`);
const order = (status: (typeof WORK_ORDER_STATUSES)[number], arrived = false) => ({
  status,
  departedAt: null,
  arrivedAt: arrived ? new Date() : null,
});

describe('work-order numbers', () => {
  it('numbers PG-<year>-<6 digits> in the Shanghai year, and grows past 999999', () => {
    expect(formatWorkOrderNumber(sh('2026-06-01T10:00:00'), 123)).toBe('PG-2026-000123');
    // 2026-12-31T17:00Z is already 2027 in Shanghai.
    expect(formatWorkOrderNumber(new Date('2026-12-31T17:00:00Z'), 1)).toBe('PG-2027-000001');
    expect(formatWorkOrderNumber(sh('2026-06-01T10:00:00'), 1_234_567)).toBe('PG-2026-1234567');
    expect(WORK_ORDER_NUMBER_PATTERN.test('PG-2026-000123')).toBe(true);
    expect(workOrderSequenceName(2026)).toBe('work_order_number_2026');
    expect(() => workOrderSequenceName(99)).toThrow();
  });
});

describe('the work-order state machine', () => {
  it('walks the whole path: assign, accept, depart, arrive, finish, sign off, report back, close', () => {
    const path: [WorkOrderAction, string, boolean][] = [
      ['ASSIGN', 'CREATED', false],
      ['ACCEPT', 'ASSIGNED', false],
      ['DEPART', 'ACCEPTED', false],
      ['ARRIVE', 'IN_PROGRESS', false],
      ['FINISH', 'IN_PROGRESS', true],
      ['SIGN_OFF', 'COMPLETED', true],
      ['REPORT_BACK', 'SIGNED_OFF', true],
      ['CLOSE', 'REPORTED', true],
    ];
    const reached = path.map(([action, from, arrived]) =>
      nextStatus(order(from as (typeof WORK_ORDER_STATUSES)[number], arrived), action),
    );
    expect(reached).toEqual([
      'ASSIGNED',
      'ACCEPTED',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'COMPLETED',
      'SIGNED_OFF',
      'REPORTED',
      'CLOSED',
    ]);
  });

  it('refuses steps out of order', () => {
    expect(nextStatus(order('CREATED'), 'ACCEPT')).toBeNull();
    expect(nextStatus(order('IN_PROGRESS'), 'FINISH')).toBeNull(); // not arrived yet
    expect(nextStatus(order('IN_PROGRESS', true), 'ARRIVE')).toBeNull(); // arrived once
    expect(nextStatus(order('ACCEPTED'), 'SIGN_OFF')).toBeNull();
    expect(nextStatus(order('COMPLETED', true), 'CLOSE')).toBeNull(); // reported back first
    expect(nextStatus(order('SIGNED_OFF', true), 'RECORD_WORK')).toBeNull(); // the customer signed what was recorded
    expect(nextStatus(order('REPORTED', true), 'CANCEL')).toBeNull();
    expect(nextStatus(order('CLOSED', true), 'ASSIGN')).toBeNull();
  });

  it('allows arriving without a recorded departure, re-assigning before work starts, reporting back unsigned', () => {
    expect(nextStatus(order('ACCEPTED'), 'ARRIVE')).toBe('IN_PROGRESS');
    expect(nextStatus(order('ACCEPTED'), 'ASSIGN')).toBe('ASSIGNED');
    expect(nextStatus(order('IN_PROGRESS'), 'ASSIGN')).toBeNull();
    expect(nextStatus(order('COMPLETED', true), 'REPORT_BACK')).toBe('REPORTED');
  });

  it('gives every action an actor and never moves a closed or cancelled order', () => {
    for (const action of WORK_ORDER_ACTIONS) {
      expect(['DISPATCHER', 'TECHNICIAN']).toContain(actorOf(action));
      expect(nextStatus(order('CLOSED', true), action)).toBeNull();
      expect(nextStatus(order('CANCELLED', true), action)).toBeNull();
    }
    expect(actorOf('CLOSE')).toBe('DISPATCHER');
    expect(actorOf('SIGN_OFF')).toBe('TECHNICIAN');
  });
});

describe('the 4-hour on-site complaint clock (003: 投诉问题应在4小时内上报)', () => {
  const cal = { ...DEFAULT_CALENDAR, holidays: new Set(['2026-10-01', '2026-10-02']) };

  it('counts working hours only: 10:00 on a Wednesday is due 14:00 the same day', () => {
    expect(onSiteComplaintDueAt(sh('2026-12-02T10:00:00'), cal)).toEqual(sh('2026-12-02T14:00:00'));
  });

  it('carries over the night: 16:00 on a Thursday is due 11:00 on Friday (day ends 17:30)', () => {
    expect(onSiteComplaintDueAt(sh('2026-12-03T16:00:00'), cal)).toEqual(sh('2026-12-04T11:00:00'));
  });

  it('skips the weekend and holidays: Friday 15:00 is due Monday 10:00; a flag on a holiday starts next working day', () => {
    expect(onSiteComplaintDueAt(sh('2026-12-04T15:00:00'), cal)).toEqual(sh('2026-12-07T10:00:00'));
    // 2026-10-01 (Thu) and 10-02 (Fri) are holidays: the clock starts Monday 10-05 at 08:30.
    expect(onSiteComplaintDueAt(sh('2026-10-01T09:00:00'), cal)).toEqual(sh('2026-10-05T12:30:00'));
  });

  it('is overdue only when due, past and not yet registered', () => {
    const due = sh('2026-12-02T14:00:00');
    expect(onSiteComplaintOverdue({ onSiteComplaintDueAt: due, complaintId: null }, sh('2026-12-02T14:00:00'))).toBe(
      true,
    );
    expect(onSiteComplaintOverdue({ onSiteComplaintDueAt: due, complaintId: null }, sh('2026-12-02T13:59:00'))).toBe(
      false,
    );
    expect(onSiteComplaintOverdue({ onSiteComplaintDueAt: due, complaintId: 'x' }, sh('2026-12-03T10:00:00'))).toBe(
      false,
    );
    expect(onSiteComplaintOverdue({ onSiteComplaintDueAt: null, complaintId: null }, sh('2026-12-03T10:00:00'))).toBe(
      false,
    );
  });
});

describe('on time, parts and signature images', () => {
  it('is on time when arrived by the requested time, or with no requested time', () => {
    const requestedAt = sh('2026-12-02T10:00:00');
    expect(arrivedOnTime({ requestedAt, arrivedAt: sh('2026-12-02T09:59:00') })).toBe(true);
    expect(arrivedOnTime({ requestedAt, arrivedAt: sh('2026-12-02T10:01:00') })).toBe(false);
    expect(arrivedOnTime({ requestedAt: null, arrivedAt: sh('2026-12-02T10:01:00') })).toBe(true);
    expect(arrivedOnTime({ requestedAt, arrivedAt: null })).toBe(false);
  });

  it('reads stored parts defensively', () => {
    expect(partsOf([{ name: '滤芯', quantity: 2, direction: 'USED' }, { name: '' }, 'x'])).toEqual([
      { name: '滤芯', quantity: 2, direction: 'USED' },
    ]);
    expect(partsOf(null)).toEqual([]);
  });

  it('recognises PNG and JPEG by their bytes, nothing else', () => {
    expect(imageMimeOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(imageMimeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageMimeOf(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
  });
});

describe('days and weeks in Asia/Shanghai', () => {
  it('takes a day from local midnight to local midnight', () => {
    const { start, end } = dayRange(new Date('2026-12-04T00:00:00Z'), 'Asia/Shanghai');
    expect(start).toEqual(sh('2026-12-04T00:00:00'));
    expect(end).toEqual(sh('2026-12-05T00:00:00'));
  });

  it('takes the Monday-to-Sunday week of any day, across a month end', () => {
    const week = weekRange(new Date('2026-12-03T00:00:00Z'), 'Asia/Shanghai'); // a Thursday
    expect(week.monday.toISOString().slice(0, 10)).toBe('2026-11-30');
    expect(week.start).toEqual(sh('2026-11-30T00:00:00'));
    expect(week.end).toEqual(sh('2026-12-07T00:00:00'));
    expect(weekRange(new Date('2026-12-06T00:00:00Z'), 'Asia/Shanghai').monday.toISOString().slice(0, 10)).toBe(
      '2026-11-30',
    );
  });
});
