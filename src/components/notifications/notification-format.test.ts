import { describe, expect, it } from 'vitest';
import { badgeText, noticeText, relativeTime } from './notification-format';

const now = new Date('2026-11-25T02:00:00Z'); // 10:00 in Asia/Shanghai
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const MIN = 60_000;

describe('relativeTime', () => {
  it('says "just now" under a minute and for times ahead of the clock', () => {
    expect(relativeTime(ago(30_000), now, 'zh-CN', 'Asia/Shanghai', '刚刚')).toBe('刚刚');
    expect(relativeTime(ago(-5 * MIN), now, 'zh-CN', 'Asia/Shanghai', '刚刚')).toBe('刚刚');
  });

  it("counts minutes, hours and days within a week, in the viewer's language", () => {
    expect(relativeTime(ago(5 * MIN), now, 'zh-CN', 'Asia/Shanghai', '刚刚')).toBe('5 分钟前');
    expect(relativeTime(ago(3 * 60 * MIN + 59 * MIN), now, 'zh-CN', 'Asia/Shanghai', '刚刚')).toBe('3 小时前');
    expect(relativeTime(ago(2 * 24 * 60 * MIN), now, 'zh-CN', 'Asia/Shanghai', '刚刚')).toBe('2 天前');
    expect(relativeTime(ago(5 * MIN), now, 'en', 'Asia/Shanghai', 'just now')).toBe('5 minutes ago');
  });

  it('shows the Asia/Shanghai wall clock from a week on', () => {
    expect(relativeTime('2026-11-10T16:30:00Z', now, 'zh-CN', 'Asia/Shanghai', '刚刚')).toBe('2026-11-11 00:30');
  });
});

describe('badgeText', () => {
  it('caps the count at 99+', () => {
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});

describe('noticeText', () => {
  it('drops the e-mail sign-off and keeps the rest', () => {
    expect(
      noticeText('TS-2026-000005「喷涂色差」的处理期限已过，请督促处理。\n\n—— 客服通（系统自动发送，请勿直接回复）'),
    ).toBe('TS-2026-000005「喷涂色差」的处理期限已过，请督促处理。');
    expect(noticeText('第一段\n\n查看：http://x/console\n\n—— 客服通')).toBe('第一段\n\n查看：http://x/console');
    expect(noticeText('没有落款')).toBe('没有落款');
  });
});
