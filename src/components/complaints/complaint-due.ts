/**
 * Whole hours between now and a due time for the "剩余 Xh / 逾期 Xh" clock, rounded up so "due in 20 minutes" reads
 * 1h rather than 0h (a clock showing 0h left looks like it has already run out).
 */
export function dueHours(dueAt: string, now: Date): { overdue: boolean; hours: number } {
  const diff = new Date(dueAt).getTime() - now.getTime();
  return { overdue: diff < 0, hours: Math.max(1, Math.ceil(Math.abs(diff) / 3_600_000)) };
}
