import ExcelJS from 'exceljs';
import visits from '../../../messages/zh-CN/visits.json';
import { csvFile, type CsvCell } from '@/server/export/csv';
import type { VisitMonthlyStats } from './visit-log.service';

/**
 * The monthly visit statistics (planned vs done per salesperson) as a file, in Chinese like the other exports: CSV
 * through the one CSV writer (formula-safe, BOM for Excel), or one Excel sheet. The same figures as visitMonthlyStats.
 */
const s = visits.stats;
const HEADERS = [s.salesperson, s.planned, s.done, s.rate, s.visits, s.phone, s.late];

function rowsOf(stats: VisitMonthlyStats): CsvCell[][] {
  return stats.rows.map((r) => [
    r.salespersonName,
    r.planned,
    r.done,
    r.completionRate === null ? null : `${Math.round(r.completionRate * 1000) / 10}%`,
    r.visits,
    r.phoneContacts,
    r.lateItineraries,
  ]);
}

export const visitStatsCsv = (stats: VisitMonthlyStats) => csvFile([HEADERS, ...rowsOf(stats)]);

export async function visitStatsXlsx(stats: VisitMonthlyStats): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kefu';
  const sheet = workbook.addWorksheet(`${s.title} ${stats.month}`);
  sheet.columns = HEADERS.map((header, i) => ({ header, width: i === 0 ? 20 : 12 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rowsOf(stats)) sheet.addRow(row.map((v) => v ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
