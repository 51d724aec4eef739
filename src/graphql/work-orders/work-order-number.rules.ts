import { yearIn } from '../interactions/interaction.rules';
import { WORK_ORDER_NUMBER_PREFIX } from './work-order.rules';

/**
 * Work-order numbers follow the interactions' rule (SPEC §3, interaction.rules.ts): `<PREFIX>-<YEAR>-<6 digits>`, the
 * year in Asia/Shanghai, the running part starting again at 000001 each year, e.g. PG-2026-000123.
 */
export function workOrderSequenceName(year: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new Error(`unexpected year ${year}`);
  return `work_order_number_${year}`;
}

export const workOrderNumberPrefix = (year: number) => `${WORK_ORDER_NUMBER_PREFIX}-${year}-`;

export function formatWorkOrderNumber(at: Date, running: number | bigint): string {
  return `${workOrderNumberPrefix(yearIn(at))}${String(running).padStart(6, '0')}`;
}

export const WORK_ORDER_NUMBER_PATTERN = /^PG-\d{4}-\d{6,}$/;
