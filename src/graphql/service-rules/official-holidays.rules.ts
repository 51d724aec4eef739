import { getDayDetail } from 'chinese-days';

/**
 * China's statutory holidays and make-up working days (调休) for a year, as the State Council publishes them (国务院办公厅
 * 关于节假日安排的通知), from the `chinese-days` package (MIT; its data is updated when each year's schedule is
 * announced, usually in November of the year before). A day the schedule names carries "English,中文,n"; any other
 * day carries its weekday name. Dates are UTC midnights, as CalendarDay stores them.
 */
export type OfficialDay = { date: Date; isWorkday: boolean; name: string };

export function officialCalendarDays(year: number): OfficialDay[] {
  const days: OfficialDay[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const date = new Date(t);
    const detail = getDayDetail(date.toISOString().slice(0, 10));
    const [, chinese] = detail.name.split(',');
    if (!chinese) continue;
    days.push({ date, isWorkday: detail.work, name: detail.work ? `${chinese}调休上班` : chinese });
  }
  return days;
}
