/** Client-safe limits and choices of the customer 360 page (SPEC §1 "a customer's page shows everything", §2). */

/** Rows per block of the customer page (each block pages on with "load more"). */
export const CUSTOMER_360_PAGE_SIZE = 10;

/** The most periods satisfactionTrend returns. */
export const MAX_TREND_PERIODS = 40;

/** Open key-account obligations that are a contact with the customer (the others are documents and reviews). */
export const CONTACT_OBLIGATION_KINDS = ['CALLBACK', 'LEADERSHIP_VISIT'] as const;

export type TrendPeriod = 'MONTH' | 'QUARTER' | 'YEAR';

/** The calendar period a moment falls in, given its year and month (1–12) in the company's time zone. */
export function periodOf(period: TrendPeriod, year: number, month: number): { label: string; startMonth: number } {
  switch (period) {
    case 'MONTH':
      return { label: `${year}-${String(month).padStart(2, '0')}`, startMonth: month };
    case 'QUARTER': {
      const quarter = Math.ceil(month / 3);
      return { label: `${year}-Q${quarter}`, startMonth: (quarter - 1) * 3 + 1 };
    }
    case 'YEAR':
      return { label: String(year), startMonth: 1 };
  }
}
