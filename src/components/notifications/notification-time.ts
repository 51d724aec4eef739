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
  return formatDistanceStrict(at, now, { addSuffix: true, locale: locale.startsWith('zh') ? zhCN : enUS, roundingMethod: 'floor' });
}

/** The badge text: the count, capped at "99+". */
export const badgeText = (count: number) => (count > 99 ? '99+' : String(count));
