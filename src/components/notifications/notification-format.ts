import { formatDistanceStrict } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';
import { formatDateTime } from '@/lib/format';

/**
 * When a notification arrived, as people say it: "刚刚" under a minute (or when the clocks disagree and it seems to
 * come from the future), "5 分钟前" / "3 小时前" / "2 天前" within a week, and the wall-clock time in the viewer's
 * zone (Asia/Shanghai by default) after that, when "23 天前" would make people count.
 */
export function relativeTime(iso: string, now: Date, locale: string, timeZone: string, justNow: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const elapsed = now.getTime() - at.getTime();
  if (elapsed < 60_000) return justNow;
  if (elapsed >= 7 * 86_400_000) return formatDateTime(iso, timeZone);
  return formatDistanceStrict(at, now, {
    addSuffix: true,
    locale: locale.startsWith('zh') ? zhCN : enUS,
    roundingMethod: 'floor',
  });
}

/** The badge text: the count, capped at "99+". */
export const badgeText = (count: number) => (count > 99 ? '99+' : String(count));

/**
 * The notice as the screen shows it: the escalation notices share their text with the e-mail, which ends with a
 * sign-off paragraph ("—— 客服通（系统自动发送，请勿直接回复）") that means nothing in the app.
 */
export const noticeText = (body: string) => body.replace(/\n+——[^\n]*\s*$/, '').trim();
