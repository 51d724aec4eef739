import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import en from '../../messages/en/activity.json';
import zh from '../../messages/zh-CN/activity.json';
import { messageKeys } from '@/i18n/message-keys';
import { activityEnglish, activityOf, actorKey, actorLabelIn, noticeHasBody, rowMessage } from './activity';

const leaf = (bundle: unknown, key: string): string =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], bundle) as string;
/** The argument names a message uses ({number}, {reason, select, …}; select branches' words are capitalised). */
const argumentsOf = (message: string) => new Set([...message.matchAll(/\{([a-z]\w*)(?=[,}])/g)].map((m) => m[1]));

describe('activity messages', () => {
  it('give the API an English text and fall back to the key itself for a key this build does not know', () => {
    expect(activityEnglish('interaction.convertedTo', { number: 'TS-2026-000001' })).toBe(
      'Converted to complaint TS-2026-000001',
    );
    expect(activityOf('callback.scores', { accuracy: 5, timeliness: 4, attitude: '—' })).toEqual({
      key: 'callback.scores',
      params: { accuracy: 5, timeliness: 4, attitude: '—' },
      text: 'Accuracy 5 · Timeliness 4 · Attitude —',
    });
    expect(activityEnglish('interaction.removedLongAgo')).toBe('interaction.removedLongAgo');
    expect(rowMessage({ messageKey: null, messageParams: null })).toBeNull();
  });

  it('word the system and a visitor as actors, and show an API key by its own name', () => {
    expect([null, '', 'system', 'anonymous', 'ERP 接口'].map(actorKey)).toEqual([
      'actor.system',
      'actor.system',
      'actor.system',
      'actor.anonymous',
      null,
    ]);
    expect(actorLabelIn('zh-CN', 'anonymous')).toBe(leaf(zh, 'actor.anonymous'));
    expect(actorLabelIn('en', null)).toBe(leaf(en, 'actor.system'));
    expect(actorLabelIn('en', 'ERP 接口')).toBe('ERP 接口');
  });

  it('word an escalation by its reason and level in both languages', () => {
    const params = { reason: 'RESOLUTION_OVERDUE', level: 2, number: 'TS-1', subject: '划伤', due: '2026-11-20 16:00' };
    const zhT = createTranslator({ locale: 'zh-CN', messages: { activity: zh } as Record<string, unknown> }) as (
      key: string,
      params: Record<string, unknown>,
    ) => string;
    expect(zhT('activity.notice.ESCALATION.title', params)).toBe('【处理逾期·二级（部门负责人）升级】TS-1');
    expect(zhT('activity.notice.ESCALATION.body', params)).toBe(
      'TS-1「划伤」的处理期限 2026-11-20 16:00 已过，现升级至二级（部门负责人），请督促处理。',
    );
    expect(activityEnglish('notice.ESCALATION.title', params)).toBe('[Overdue, escalated to level 2] TS-1');
    expect(noticeHasBody('notice.ESCALATION')).toBe(true);
    expect(noticeHasBody('notice.PLAN_APPROVED')).toBe(false);
  });

  it('use the same arguments in Chinese and English, message by message', () => {
    for (const key of messageKeys(en)) {
      expect([key, argumentsOf(leaf(zh, key))]).toEqual([key, argumentsOf(leaf(en, key))]);
    }
  });
});
