import { zhFields } from '@/server/error-keys.testing';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@/server/errors';
import {
  campaignCommandAllowed,
  formState,
  invitationState,
  parseCampaignInput,
  remindersDue,
  storedAudience,
} from './survey-campaign.rules';
import { isWellFormedToken, surveyToken, surveyUrl, tokenHash } from './survey-token.service';

const at = (iso: string) => new Date(iso);
const campaign = { status: 'OPEN' as const, opensAt: at('2026-10-01T00:00:00Z'), closesAt: at('2026-10-31T00:00:00Z') };

describe('what a personal link shows', () => {
  it('OPEN inside the window, NOT_YET_OPEN before, EXPIRED after the date, CLOSED when staff closed it early', () => {
    expect(formState(campaign, null, at('2026-10-10T00:00:00Z'))).toBe('OPEN');
    expect(formState(campaign, null, at('2026-09-30T23:59:59Z'))).toBe('NOT_YET_OPEN');
    expect(formState(campaign, null, at('2026-10-31T00:00:00Z'))).toBe('EXPIRED');
    expect(formState({ ...campaign, status: 'CLOSED' }, null, at('2026-10-10T00:00:00Z'))).toBe('CLOSED');
    expect(formState({ ...campaign, status: 'CLOSED' }, null, at('2026-11-10T00:00:00Z'))).toBe('EXPIRED');
  });

  it('SUBMITTED wins over everything', () => {
    expect(formState({ ...campaign, status: 'CLOSED' }, at('2026-10-05T00:00:00Z'), at('2026-12-01T00:00:00Z'))).toBe(
      'SUBMITTED',
    );
  });

  it('invitation states follow the furthest step', () => {
    const none = { sentAt: null, openedAt: null, respondedAt: null };
    expect(invitationState(none)).toBe('NOT_SENT');
    expect(invitationState({ ...none, sentAt: at('2026-10-01T00:00:00Z') })).toBe('SENT');
    expect(invitationState({ ...none, sentAt: at('2026-10-01T00:00:00Z'), openedAt: at('2026-10-02T00:00:00Z') })).toBe(
      'OPENED',
    );
    // A phone response to a customer never mailed is still a response.
    expect(invitationState({ ...none, respondedAt: at('2026-10-03T00:00:00Z') })).toBe('RESPONDED');
  });
});

describe('campaign states', () => {
  it('drafts are edited and launched; open campaigns are closed; nothing reopens', () => {
    expect(campaignCommandAllowed('DRAFT', 'UPDATE')).toBe(true);
    expect(campaignCommandAllowed('DRAFT', 'LAUNCH')).toBe(true);
    expect(campaignCommandAllowed('DRAFT', 'CLOSE')).toBe(false);
    expect(campaignCommandAllowed('OPEN', 'UPDATE')).toBe(false);
    expect(campaignCommandAllowed('OPEN', 'LAUNCH')).toBe(false);
    expect(campaignCommandAllowed('OPEN', 'CLOSE')).toBe(true);
    expect(campaignCommandAllowed('CLOSED', 'CLOSE')).toBe(false);
    expect(campaignCommandAllowed('CLOSED', 'LAUNCH')).toBe(false);
  });
});

describe('reminder schedule', () => {
  const sent = at('2026-10-01T02:00:00Z');
  it('counts the scheduled days that have passed since the invitation', () => {
    expect(remindersDue(sent, [3, 7], at('2026-10-04T01:59:59Z'))).toBe(0);
    expect(remindersDue(sent, [3, 7], at('2026-10-04T02:00:00Z'))).toBe(1);
    expect(remindersDue(sent, [3, 7], at('2026-10-08T02:00:00Z'))).toBe(2);
    expect(remindersDue(sent, [], at('2026-12-01T00:00:00Z'))).toBe(0);
  });
});

describe('campaign input', () => {
  const input = {
    templateId: '7d1e4a4e-8f5b-4c1e-9a7d-2f1b3c4d5e6f',
    name: '2026 年第四季度满意度调查',
    periodLabel: '2026-q4',
    audience: {},
    opensAt: at('2026-10-01T00:00:00Z'),
    closesAt: at('2026-10-31T00:00:00Z'),
  };
  it('defaults reminders to days 3 and 7 and normalises the period label', () => {
    const parsed = parseCampaignInput(input);
    expect(parsed.periodLabel).toBe('2026-Q4');
    expect(parsed.reminderDays).toEqual([3, 7]);
    expect(parsed.audience).toEqual({
      provinces: [],
      industries: [],
      grades: [],
      keyAccountStatuses: [],
      complaintClosedFrom: null,
      complaintClosedTo: null,
      customerIds: [],
    });
    expect(parseCampaignInput({ ...input, reminderDays: [7, 2, 7] }).reminderDays).toEqual([2, 7]);
    expect(
      parseCampaignInput({
        ...input,
        audience: { complaintClosed: { from: at('2026-07-01T00:00:00Z'), to: at('2026-09-30T00:00:00Z') } },
      }).audience,
    ).toMatchObject({
      complaintClosedFrom: '2026-07-01',
      complaintClosedTo: '2026-09-30',
    });
  });

  it('names the bad fields', () => {
    try {
      parseCampaignInput({
        ...input,
        periodLabel: '四季度',
        closesAt: input.opensAt,
        reminderDays: [0],
        audience: { customerIds: ['x'] },
      });
      throw new Error('expected BAD_USER_INPUT');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(zhFields((error as DomainError).fields)).toEqual({
        periodLabel: '期间格式如 2026-Q4、2026-H2、2026',
        closesAt: '截止时间须晚于开始时间',
        'reminderDays.0': '提醒天数须在 1–90 之间',
        'audience.customerIds.0': '无效的编号',
      });
    }
  });

  it('reads a stored audience defensively', () => {
    expect(
      storedAudience({ grades: ['A', 'Z'], provinces: ['上海', 3], complaintClosedFrom: 'yesterday' }),
    ).toMatchObject({ grades: ['A'], provinces: ['上海'], complaintClosedFrom: null });
  });
});

describe('personal link tokens', () => {
  it('are the HMAC of the invitation id: stable, 43 characters, different per invitation and per secret', () => {
    const a = surveyToken('11111111-1111-4111-8111-111111111111', 'secret-1');
    expect(a).toBe(surveyToken('11111111-1111-4111-8111-111111111111', 'secret-1'));
    expect(a).toHaveLength(43);
    expect(isWellFormedToken(a)).toBe(true);
    expect(surveyToken('22222222-2222-4222-8222-222222222222', 'secret-1')).not.toBe(a);
    expect(surveyToken('11111111-1111-4111-8111-111111111111', 'secret-2')).not.toBe(a);
    expect(tokenHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(a)).not.toContain(a);
    expect(isWellFormedToken('short')).toBe(false);
    expect(isWellFormedToken(`${a.slice(0, 42)}!`)).toBe(false);
  });

  it('links live under NEXTAUTH_URL', () => {
    const before = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = 'https://kefu.example.cn/';
    try {
      expect(surveyUrl('abc')).toBe('https://kefu.example.cn/s/abc');
    } finally {
      if (before === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = before;
    }
  });
});
