import 'server-only';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatDateTime } from '@/lib/format';

/**
 * Printable reports (8D report, 客户投诉处理单, monthly and quarterly reports) as PDF, built with pdfkit and its own
 * table layout. Chinese text needs a CJK font embedded in the file: Noto Sans SC (SIL Open Font License) from the npm
 * package @expo-google-fonts/noto-sans-sc — the whole CJK repertoire, not only GB2312, so rare characters in company
 * and person names print too. pdfkit embeds only the glyphs a document uses (a one-page form is ~15–40 KB).
 *
 * A report is a title block, then sections of label/value fields, text blocks and tables, then an optional signature
 * row; every page carries the footer with the page number and the time it was printed.
 */

// From the project root, as the schema's SDL files are (src/graphql/schema.ts): the server bundle's own location says
// nothing about where node_modules is.
const fontDir = join(process.cwd(), 'node_modules/@expo-google-fonts/noto-sans-sc');
export const PDF_FONTS = {
  regular: join(fontDir, '400Regular/NotoSansSC_400Regular.ttf'),
  bold: join(fontDir, '700Bold/NotoSansSC_700Bold.ttf'),
} as const;

const MARGIN = 48;
const INK = '#0f172a';
const MUTED = '#64748b';
const RULE = '#cbd5e1';
const HEAD_FILL = '#f1f5f9';

export type PdfCell = string | number | null | undefined;
export type PdfColumn = { header: string; width?: number | '*'; align?: 'left' | 'right' | 'center' };

export type PdfReportOptions = {
  title: string;
  /** A line under the title, e.g. the record number and its status. */
  subtitle?: string;
  /** Company name or system name printed top right on every page. */
  organisation?: string;
  generatedAt: Date;
  timeZone: string;
  /** Footer wording; `{page}` and `{pages}` are replaced. */
  footer?: string;
  landscape?: boolean;
};

const text = (value: PdfCell) => (value === null || value === undefined || value === '' ? '—' : String(value));

const TABLE_FONT_SIZE = 9;
const TABLE_PADDING = 4;

/** Column widths in points: fixed widths as given, the rest of `total` shared equally by the '*' columns. */
export function columnWidths(columns: readonly Pick<PdfColumn, 'width'>[], total: number): number[] {
  const fixed = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0);
  const stars = columns.filter((c) => typeof c.width !== 'number').length;
  const star = stars ? Math.max(0, total - fixed) / stars : 0;
  return columns.map((c) => (typeof c.width === 'number' ? c.width : star));
}

/**
 * How many rows go on each page when every page starts with the header: `firstSpace` is what is left on the current
 * page, `pageSpace` a whole page. A row never splits; one taller than a page goes alone (pdfkit clamps it).
 */
export function pageRuns(
  rowHeights: readonly number[],
  headerHeight: number,
  firstSpace: number,
  pageSpace: number,
): number[] {
  const runs: number[] = [];
  let space = firstSpace - headerHeight;
  let count = 0;
  for (const height of rowHeights) {
    if (count > 0 && height >= space) {
      runs.push(count);
      count = 0;
      space = pageSpace - headerHeight;
    }
    count += 1;
    space -= height;
  }
  if (count > 0) runs.push(count);
  return runs;
}

export class PdfReport {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(private readonly options: PdfReportOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.landscape ? 'landscape' : 'portrait',
      margins: { top: MARGIN, bottom: MARGIN + 12, left: MARGIN, right: MARGIN },
      bufferPages: true, // the footer's "page X / Y" is written once all pages exist
      info: { Title: options.title, Producer: '客服通 Kefu', Creator: '客服通 Kefu' },
      lang: 'zh-CN',
    });
    // Fonts are named by their file path, not registered under an alias: pdfkit's table restores the font by its
    // source after each cell, and only a path-keyed font is found in its cache (an alias re-reads the 10 MB file
    // for every cell — seconds per table).
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.titleBlock();
  }

  private get width() {
    return this.doc.page.width - MARGIN * 2;
  }

  private titleBlock() {
    const { doc, options } = this;
    if (options.organisation)
      doc.font(PDF_FONTS.regular).fontSize(9).fillColor(MUTED).text(options.organisation, { align: 'right' });
    doc.font(PDF_FONTS.bold).fontSize(18).fillColor(INK).text(options.title, { align: 'center' });
    if (options.subtitle)
      doc
        .moveDown(0.2)
        .font(PDF_FONTS.regular)
        .fontSize(10)
        .fillColor(MUTED)
        .text(options.subtitle, { align: 'center' });
    doc.moveDown(0.6);
    this.rule();
  }

  private rule() {
    const y = this.doc.y;
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + this.width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    this.doc.moveDown(0.5);
  }

  /** Starts a new page when fewer than `height` points are left, so a heading never sits alone at a page's foot. */
  private keep(height: number) {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  section(title: string): this {
    this.keep(60);
    this.doc.moveDown(0.4).font(PDF_FONTS.bold).fontSize(12).fillColor(INK).text(title, MARGIN);
    this.doc.moveDown(0.3);
    return this;
  }

  paragraph(value: string, { muted = false }: { muted?: boolean } = {}): this {
    this.doc
      .font(PDF_FONTS.regular)
      .fontSize(10)
      .fillColor(muted ? MUTED : INK)
      .text(value, MARGIN, undefined, { width: this.width });
    this.doc.moveDown(0.4);
    return this;
  }

  /** Label/value pairs in a bordered grid, `columns` pairs per row (long values wrap inside their cell). */
  fields(pairs: readonly (readonly [string, PdfCell])[], { columns = 2 }: { columns?: number } = {}): this {
    if (pairs.length === 0) return this;
    const rows: PDFKit.Mixins.CellOptions[][] = [];
    for (let i = 0; i < pairs.length; i += columns) {
      const row: PDFKit.Mixins.CellOptions[] = [];
      for (let j = 0; j < columns; j++) {
        const pair = pairs[i + j];
        row.push({
          text: pair ? pair[0] : '',
          backgroundColor: HEAD_FILL,
          font: { src: PDF_FONTS.bold },
          textColor: MUTED,
        });
        row.push({ text: pair ? text(pair[1]) : '' });
      }
      rows.push(row);
    }
    const labelWidth = Math.min(90, this.width / (columns * 3));
    const valueWidth = (this.width - labelWidth * columns) / columns;
    this.keep(40);
    this.doc.font(PDF_FONTS.regular).fontSize(9.5).fillColor(INK);
    this.doc.table({
      position: { x: MARGIN },
      columnStyles: Array.from({ length: columns * 2 }, (_, k) => (k % 2 === 0 ? labelWidth : valueWidth)),
      defaultStyle: { border: 0.5, borderColor: RULE, padding: 4 },
      data: rows,
    });
    this.doc.moveDown(0.6);
    return this;
  }

  /** A labelled box of free text (8D disciplines, descriptions): the label on a shaded band, the text under it. */
  textBlock(label: string, value: PdfCell): this {
    this.keep(50);
    this.doc.font(PDF_FONTS.regular).fontSize(9.5).fillColor(INK);
    this.doc.table({
      position: { x: MARGIN },
      columnStyles: [this.width],
      defaultStyle: { border: 0.5, borderColor: RULE, padding: 5 },
      data: [[{ text: label, backgroundColor: HEAD_FILL, font: { src: PDF_FONTS.bold } }], [{ text: text(value) }]],
    });
    this.doc.moveDown(0.5);
    return this;
  }

  /**
   * A table with a shaded header row, repeated at the top of every page the table runs onto; `emptyText` is printed
   * as one row when there are no rows.
   */
  table(
    columns: readonly PdfColumn[],
    rows: readonly (readonly PdfCell[])[],
    { emptyText = '无' }: { emptyText?: string } = {},
  ): this {
    this.keep(50);
    const header: PDFKit.Mixins.CellOptions[] = columns.map((c) => ({
      text: c.header,
      type: 'TH',
      backgroundColor: HEAD_FILL,
      font: { src: PDF_FONTS.bold },
      align: { x: c.align ?? 'left', y: 'center' },
    }));
    const body: PDFKit.Mixins.CellOptions[][] = rows.length
      ? rows.map((r) => columns.map((c, i) => ({ text: text(r[i]), align: { x: c.align ?? 'left', y: 'top' } })))
      : [[{ text: emptyText, colSpan: columns.length, textColor: MUTED }]];
    // pdfkit's table breaks pages but does not repeat the header: the rows are measured here and given to it one
    // page's worth at a time, each run under its own header.
    const widths = columnWidths(columns, this.width);
    const heightOf = (cells: readonly PdfCell[], font: string) => {
      this.doc.font(font).fontSize(TABLE_FONT_SIZE);
      return (
        Math.max(
          ...cells.map((cell, i) =>
            this.doc.heightOfString(text(cell), { width: Math.max(1, widths[i]! - 2 * TABLE_PADDING) }),
          ),
        ) +
        2 * TABLE_PADDING +
        1
      );
    };
    const page = this.doc.page;
    const runs = rows.length
      ? pageRuns(
          rows.map((r) => heightOf(r, PDF_FONTS.regular)),
          heightOf(
            columns.map((c) => c.header),
            PDF_FONTS.bold,
          ),
          page.maxY() - this.doc.y,
          page.maxY() - page.margins.top,
        )
      : [1];
    let start = 0;
    runs.forEach((count, run) => {
      if (run > 0) this.doc.addPage();
      this.doc.font(PDF_FONTS.regular).fontSize(TABLE_FONT_SIZE).fillColor(INK);
      this.doc.table({
        position: { x: MARGIN },
        maxWidth: this.width,
        columnStyles: widths,
        defaultStyle: { border: 0.5, borderColor: RULE, padding: TABLE_PADDING },
        data: [header, ...body.slice(start, start + count)],
      });
      start += count;
    });
    this.doc.moveDown(0.6);
    return this;
  }

  /** A row of signature boxes (签字/日期) at the end of a form. */
  signatures(labels: readonly string[]): this {
    // The whole box (gap, label row, three lines to sign on) stays on one page: 70 let the label row end a page alone.
    this.keep(100);
    this.doc.moveDown(0.5).font(PDF_FONTS.regular).fontSize(9.5).fillColor(INK);
    this.doc.table({
      position: { x: MARGIN },
      columnStyles: labels.map(() => this.width / labels.length),
      defaultStyle: { border: 0.5, borderColor: RULE, padding: 5 },
      data: [
        labels.map((l) => ({ text: l, backgroundColor: HEAD_FILL, font: { src: PDF_FONTS.bold } })),
        labels.map(() => ({ text: '\n\n签字 / 日期：', textColor: MUTED })),
      ],
    });
    return this;
  }

  /** A PNG or JPEG (e.g. a chart rendered on the server), scaled to the content width at most. */
  image(data: Buffer, { height = 200 }: { height?: number } = {}): this {
    this.keep(height + 10);
    this.doc.image(data, MARGIN, this.doc.y, { fit: [this.width, height], align: 'center' });
    this.doc.y += height + 10;
    return this;
  }

  /** Finishes the document (footers on every page) and returns the file. */
  async toBuffer(): Promise<Buffer> {
    const { doc, options } = this;
    const range = doc.bufferedPageRange();
    const printed = `打印时间 ${formatDateTime(options.generatedAt.toISOString(), options.timeZone)}`;
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const footer = (options.footer ?? '客服通 · {page} / {pages}')
        .replace('{page}', String(i + 1))
        .replace('{pages}', String(range.count));
      const y = doc.page.height - MARGIN;
      // Writing below the bottom margin would add a page; lift the margin while the footer is written.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font(PDF_FONTS.regular).fontSize(8).fillColor(MUTED);
      doc.text(printed, MARGIN, y, { width: this.width / 2, lineBreak: false });
      doc.text(footer, MARGIN + this.width / 2, y, { width: this.width / 2, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    return this.done;
  }

  // ── charts: drawn with pdfkit's own shapes (no chart image to render on the server) ──

  /**
   * A horizontal bar chart: one row per bar — label, bar, figure. Bars are scaled to `max` (e.g. 100 for scores on
   * 0–100) or else to the largest value; a null value draws an empty track and "—". With `compare` values (e.g. the
   * previous month) each row also gets a thin grey bar under the main one and a `legend` names the two. The title
   * stays on the page with the first bars; rows that do not fit continue on the next page.
   */
  barChart(
    bars: readonly PdfBar[],
    {
      title,
      legend,
      emptyText = '无数据',
      labelWidth = 130,
      max,
      color = CHART_MAIN,
    }: {
      title?: string;
      legend?: readonly [string, string];
      emptyText?: string;
      labelWidth?: number;
      max?: number;
      color?: string;
    } = {},
  ): this {
    const { doc } = this;
    const withCompare = bars.some((b) => b.compare !== undefined);
    const rowHeight = withCompare ? 22 : 16;
    this.keep((title ? 40 : 12) + Math.min(bars.length, 4) * rowHeight);
    if (title)
      doc.font(PDF_FONTS.bold).fontSize(10).fillColor(INK).text(title, MARGIN, undefined, { width: this.width });
    if (withCompare && legend) {
      const y = doc.y + 2;
      doc.rect(MARGIN, y + 2, 10, 6).fill(color);
      doc.rect(MARGIN + 80, y + 3, 10, 4).fill(CHART_COMPARE);
      doc.font(PDF_FONTS.regular).fontSize(8).fillColor(MUTED);
      doc.text(legend[0], MARGIN + 14, y, { lineBreak: false });
      doc.text(legend[1], MARGIN + 94, y, { lineBreak: false });
      doc.y = y + 12;
    }
    doc.moveDown(0.3);
    if (bars.length === 0) return this.paragraph(emptyText, { muted: true });
    const scale = max ?? Math.max(1, ...bars.map((b) => Math.max(b.value ?? 0, b.compare ?? 0)));
    const valueWidth = 56;
    const barX = MARGIN + labelWidth + 8;
    const barSpace = this.width - labelWidth - 8 - valueWidth;
    const widthOf = (value: number) => Math.min(1, Math.max(0, value / scale)) * barSpace;
    for (const bar of bars) {
      this.keep(rowHeight + 4);
      const y = doc.y;
      doc.font(PDF_FONTS.regular).fontSize(8.5).fillColor(INK);
      doc.text(bar.label, MARGIN, y + 1, {
        width: labelWidth,
        align: 'right',
        lineBreak: false,
        ellipsis: true,
        height: 11,
      });
      doc.rect(barX, y, barSpace, 11).fill(HEAD_FILL);
      const mainWidth = bar.value === null ? 0 : widthOf(bar.value);
      if (mainWidth > 0) doc.rect(barX, y, Math.max(mainWidth, 1), 11).fill(color);
      const figure =
        bar.display ??
        (bar.value === null ? '—' : String(Number.isInteger(bar.value) ? bar.value : bar.value.toFixed(1)));
      doc
        .font(PDF_FONTS.regular)
        .fontSize(8.5)
        .fillColor(INK)
        .text(figure, barX + barSpace + 4, y + 1, { width: valueWidth - 4, lineBreak: false });
      if (bar.compare !== undefined) {
        const compareWidth = widthOf(bar.compare);
        if (compareWidth > 0) doc.rect(barX, y + 13, Math.max(compareWidth, 1), 5).fill(CHART_COMPARE);
        doc
          .font(PDF_FONTS.regular)
          .fontSize(7)
          .fillColor(MUTED)
          .text(String(bar.compare), barX + compareWidth + 4, y + 12, { lineBreak: false });
      }
      doc.y = y + rowHeight;
    }
    doc.fillColor(INK);
    doc.x = MARGIN;
    doc.moveDown(0.6);
    return this;
  }

  /**
   * A Pareto chart: vertical bars (counts, most first) with the cumulative share as a line and points on a right-hand
   * 0–100 % scale, a dashed line at `threshold` (80 %), labels under the bars and the caption under the chart.
   */
  paretoChart(
    items: readonly { label: string; value: number; cumulativeShare: number }[],
    { caption, threshold = 0.8, emptyText = '无数据' }: { caption: string; threshold?: number; emptyText?: string },
  ): this {
    const { doc } = this;
    if (items.length === 0) return this.paragraph(emptyText, { muted: true }).paragraph(caption, { muted: true });
    const height = 150;
    this.keep(height + 60);
    const top = doc.y + 6;
    const left = MARGIN + 28;
    const plotWidth = this.width - 60;
    const bottom = top + height;
    const max = Math.max(1, ...items.map((i) => i.value));
    const slot = plotWidth / items.length;
    const barWidth = Math.min(40, slot * 0.6);
    doc
      .lineWidth(0.5)
      .strokeColor(RULE)
      .moveTo(left, bottom)
      .lineTo(left + plotWidth, bottom)
      .stroke();
    doc.moveTo(left, top).lineTo(left, bottom).stroke();
    doc
      .moveTo(left + plotWidth, top)
      .lineTo(left + plotWidth, bottom)
      .stroke();
    doc.font(PDF_FONTS.regular).fontSize(7).fillColor(MUTED);
    doc.text(String(max), MARGIN, top - 3, { width: 24, align: 'right', lineBreak: false });
    doc.text('0', MARGIN, bottom - 4, { width: 24, align: 'right', lineBreak: false });
    doc.text('100%', left + plotWidth + 3, top - 3, { lineBreak: false });
    const thresholdY = bottom - threshold * height;
    doc.text(`${Math.round(threshold * 100)}%`, left + plotWidth + 3, thresholdY - 3, { lineBreak: false });
    doc
      .save()
      .dash(3, { space: 2 })
      .strokeColor(CHART_COMPARE)
      .moveTo(left, thresholdY)
      .lineTo(left + plotWidth, thresholdY)
      .stroke()
      .restore();
    const points: [number, number][] = [];
    items.forEach((item, i) => {
      const x = left + i * slot + (slot - barWidth) / 2;
      const h = (item.value / max) * height;
      doc.rect(x, bottom - h, barWidth, Math.max(h, 0.5)).fill(CHART_MAIN);
      doc.font(PDF_FONTS.regular).fontSize(7).fillColor(INK);
      doc.text(String(item.value), x, bottom - h - 9, { width: barWidth, align: 'center', lineBreak: false });
      doc.text(item.label, left + i * slot, bottom + 3, { width: slot, align: 'center', height: 18, ellipsis: true });
      points.push([left + i * slot + slot / 2, bottom - Math.min(1, item.cumulativeShare) * height]);
    });
    doc.lineWidth(1.2).strokeColor(CHART_LINE);
    points.forEach(([x, y], i) => (i === 0 ? doc.moveTo(x, y) : doc.lineTo(x, y)));
    doc.stroke();
    for (const [x, y] of points) doc.circle(x, y, 2).fill(CHART_LINE);
    doc.lineWidth(1).strokeColor(INK).fillColor(INK);
    doc.x = MARGIN;
    doc.y = bottom + 24;
    doc.font(PDF_FONTS.regular).fontSize(8.5).fillColor(MUTED).text(caption, MARGIN, undefined, {
      width: this.width,
      align: 'center',
    });
    doc.fillColor(INK);
    doc.moveDown(0.6);
    return this;
  }
}

/** One bar of `PdfReport.barChart`: `display` replaces the printed value (e.g. "12 (34%)"). */
export type PdfBar = { label: string; value: number | null; compare?: number; display?: string };
const CHART_MAIN = '#1d4ed8';
const CHART_COMPARE = '#94a3b8';
const CHART_LINE = '#dc2626';
