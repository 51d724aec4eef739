import { describe, expect, it } from 'vitest';
import {
  campaignProblems,
  fieldForServerKey,
  toCampaignInput,
  toggleReminderDay,
  withDefaultTemplate,
  type CampaignFormValues,
} from './campaign-form-values';
import {
  addCustomer,
  audienceFromSaved,
  audienceKey,
  countCriteria,
  emptyAudience,
  removeCustomer,
  toAudienceInput,
} from './survey-audience';
import { defaultCampaignWindow, isoToWallClock, periodPicks, wallClockToIso } from './survey-dates';

const TZ = 'Asia/Shanghai';

describe('audience input', () => {
  it('is empty for all customers, whatever criteria were ticked before switching back', () => {
    expect(toAudienceInput({ ...emptyAudience(), provinces: ['上海'] })).toEqual({});
  });
  it('sends only the criteria that are set', () => {
    const state = {
      ...emptyAudience(),
      mode: 'segment' as const,
      provinces: ['上海', '江苏'],
      grades: ['A' as const],
      complaintClosedFrom: '2026-07-01',
      customers: [{ id: 'c1', name: '华东精密汽配有限公司', contractNo: null }],
    };
    expect(toAudienceInput(state)).toEqual({
      provinces: ['上海', '江苏'],
      grades: ['A'],
      complaintClosed: { from: '2026-07-01', to: null },
      customerIds: ['c1'],
    });
    expect(countCriteria(state)).toBe(4);
  });
  it('reads a stored audience back, with customer names where known', () => {
    const saved = {
      provinces: ['上海'],
      industries: [],
      grades: [],
      keyAccountStatuses: ['ACTIVE' as const],
      complaintClosedFrom: null,
      complaintClosedTo: '2026-09-30',
      customerIds: ['c1', 'c2'],
    };
    const state = audienceFromSaved(saved, new Map([['c1', { id: 'c1', name: '华东精密', contractNo: 'HT-1' }]]));
    expect(state.mode).toBe('segment');
    expect(state.customers).toEqual([
      { id: 'c1', name: '华东精密', contractNo: 'HT-1' },
      { id: 'c2', name: 'c2', contractNo: null },
    ]);
    expect(state.complaintClosedTo).toBe('2026-09-30');
    expect(
      audienceFromSaved({ provinces: [], industries: [], grades: [], keyAccountStatuses: [], customerIds: [] }).mode,
    ).toBe('all');
  });
  it('adds a customer once and removes it', () => {
    const one = addCustomer(emptyAudience(), { id: 'c1', name: 'A', contractNo: null });
    expect(addCustomer(one, { id: 'c1', name: 'A', contractNo: null }).customers).toHaveLength(1);
    expect(removeCustomer(one, 'c1').customers).toEqual([]);
  });
  it('keys the preview by content, not by order', () => {
    expect(audienceKey({ provinces: ['上海', '江苏'] })).toBe(audienceKey({ provinces: ['江苏', '上海'] }));
    expect(audienceKey({ provinces: ['上海'] })).not.toBe(audienceKey({ industries: ['上海'] }));
  });
});

describe('wall-clock dates', () => {
  it('reads a datetime-local value on the company clock, not the browser’s', () => {
    expect(wallClockToIso('2026-10-01T09:00', TZ)).toBe('2026-10-01T01:00:00.000Z');
    expect(wallClockToIso('2026-10-01T00:30', TZ)).toBe('2026-09-30T16:30:00.000Z');
    expect(isoToWallClock('2026-09-30T16:30:00.000Z', TZ)).toBe('2026-10-01T00:30');
  });
  it('refuses incomplete and impossible values', () => {
    expect(wallClockToIso('2026-10-01', TZ)).toBeNull();
    expect(wallClockToIso('2026-02-31T09:00', TZ)).toBeNull();
    expect(wallClockToIso('', TZ)).toBeNull();
  });
  it('offers the period labels of today in the zone', () => {
    // 2026-12-31 20:00 UTC is already 2027-01-01 in Shanghai.
    expect(periodPicks(TZ, new Date('2026-12-31T20:00:00Z')).map((p) => p.label)).toEqual([
      '2027-Q1',
      '2027-H1',
      '2027-H2',
      '2027',
    ]);
    expect(periodPicks(TZ, new Date('2026-11-15T04:00:00Z')).map((p) => p.label)).toEqual([
      '2026-Q4',
      '2026-H1',
      '2026-H2',
      '2026',
    ]);
  });
  it('proposes a 30-day window starting today', () => {
    expect(defaultCampaignWindow(TZ, new Date('2026-11-15T04:00:00Z'))).toEqual({
      opensAt: '2026-11-15T09:00',
      closesAt: '2026-12-15T18:00',
    });
  });
});

const values = (patch: Partial<CampaignFormValues> = {}): CampaignFormValues => ({
  templateId: 't1',
  name: '2026 年第四季度客户满意度调查',
  description: '',
  periodLabel: '2026-Q4',
  opensAt: '2026-10-01T09:00',
  closesAt: '2026-10-31T18:00',
  reminderDays: [7, 3],
  audience: { ...emptyAudience(), mode: 'segment', provinces: ['上海'] },
  ...patch,
});

describe('campaign form', () => {
  it('builds the input with instants and sorted reminder days', () => {
    expect(toCampaignInput(values(), TZ)).toEqual({
      templateId: 't1',
      name: '2026 年第四季度客户满意度调查',
      description: null,
      periodLabel: '2026-Q4',
      audience: { provinces: ['上海'] },
      opensAt: '2026-10-01T01:00:00.000Z',
      closesAt: '2026-10-31T10:00:00.000Z',
      reminderDays: [3, 7],
    });
  });
  it('finds what the server would refuse, under the field it belongs to', () => {
    expect(campaignProblems(values(), TZ)).toEqual({});
    expect(
      campaignProblems(values({ templateId: '', name: ' ', periodLabel: '', opensAt: '', closesAt: '' }), TZ),
    ).toEqual({
      templateId: 'required',
      name: 'required',
      periodLabel: 'required',
      opensAt: 'required',
      closesAt: 'required',
    });
    expect(campaignProblems(values({ closesAt: '2026-10-01T09:00' }), TZ)).toEqual({ closesAt: 'closesBeforeOpens' });
    expect(campaignProblems(values({ reminderDays: [0] }), TZ)).toEqual({ reminderDays: 'reminderDay' });
    expect(campaignProblems(values({ reminderDays: [91] }), TZ)).toEqual({ reminderDays: 'reminderDay' });
    expect(campaignProblems(values({ reminderDays: [1, 2, 3, 4, 5, 6] }), TZ)).toEqual({
      reminderDays: 'tooManyReminders',
    });
    expect(campaignProblems(values({ periodLabel: '第四季度' }), TZ)).toEqual({ periodLabel: 'periodFormat' });
    expect(campaignProblems(values({ periodLabel: '2026-q4' }), TZ)).toEqual({});
    expect(toCampaignInput(values({ periodLabel: ' 2026-h2 ' }), TZ).periodLabel).toBe('2026-H2');
    expect(
      campaignProblems(
        values({
          audience: {
            ...emptyAudience(),
            mode: 'segment',
            complaintClosedFrom: '2026-09-01',
            complaintClosedTo: '2026-08-01',
          },
        }),
        TZ,
      ),
    ).toEqual({ 'audience.complaintClosed': 'dateOrder' });
  });
  it('starts a new campaign from the default template, else the first, until one is chosen', () => {
    const templates = [
      { id: 't1', isDefault: false },
      { id: 't2', isDefault: true },
    ];
    expect(withDefaultTemplate(values({ templateId: '' }), templates).templateId).toBe('t2');
    expect(withDefaultTemplate(values({ templateId: '' }), [templates[0]!]).templateId).toBe('t1');
    expect(withDefaultTemplate(values({ templateId: '' }), []).templateId).toBe('');
    const chosen = values({ templateId: 't1' });
    expect(withDefaultTemplate(chosen, templates)).toBe(chosen);
  });
  it('toggles reminder days in order', () => {
    expect(toggleReminderDay([7], 3)).toEqual([3, 7]);
    expect(toggleReminderDay([3, 7], 3)).toEqual([7]);
  });
  it('routes server field keys to the form’s fields', () => {
    expect(fieldForServerKey('closesAt')).toBe('closesAt');
    expect(fieldForServerKey('input.name')).toBe('name');
    expect(fieldForServerKey('reminderDays.1')).toBe('reminderDays');
    expect(fieldForServerKey('audience.complaintClosed.from')).toBe('audience.complaintClosed');
    expect(fieldForServerKey('audience.customerIds')).toBe('audience');
    expect(fieldForServerKey('somethingElse')).toBe('somethingElse');
  });
});
