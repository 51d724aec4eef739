import 'server-only';
import { PdfReport, type PdfBar, type PdfCell, type PdfColumn } from './pdf-report';

/**
 * A printable document as plain data: what is printed, in order, without any pdfkit in sight. Document builders
 * (8D report, 客户投诉处理单, monthly summary) are pure functions returning one of these, so their content is
 * unit-tested as sections and rows; `renderPdf` lays it out with PdfReport.
 */
export type DocBlock =
  | { kind: 'section'; title: string }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'fields'; pairs: readonly (readonly [string, PdfCell])[]; columns?: number }
  | { kind: 'text'; label: string; value: PdfCell }
  | { kind: 'table'; columns: readonly PdfColumn[]; rows: readonly (readonly PdfCell[])[]; emptyText?: string }
  | {
      kind: 'barChart';
      title: string;
      bars: readonly PdfBar[];
      legend?: readonly [string, string];
      emptyText?: string;
      /** Scale bars to this value (e.g. 100 for rates in %) instead of the largest. */
      max?: number;
    }
  | {
      kind: 'paretoChart';
      caption: string;
      items: readonly { label: string; value: number; cumulativeShare: number }[];
      emptyText?: string;
    }
  | { kind: 'signatures'; labels: readonly string[] }
  | { kind: 'image'; data: Uint8Array; height?: number };

export type PrintableDocument = {
  title: string;
  subtitle?: string;
  /** The download's file name, e.g. `8D报告-TS-2026-000123.pdf`. */
  filename: string;
  landscape?: boolean;
  blocks: readonly DocBlock[];
};

/** The blocks of one kind, for tests that look for a section's table or fields. */
export function blocksOf<K extends DocBlock['kind']>(
  document: PrintableDocument,
  kind: K,
): Extract<DocBlock, { kind: K }>[] {
  return document.blocks.filter((b): b is Extract<DocBlock, { kind: K }> => b.kind === kind);
}

export async function renderPdf(
  document: PrintableDocument,
  { generatedAt, timeZone, organisation = '客服通' }: { generatedAt: Date; timeZone: string; organisation?: string },
): Promise<Buffer> {
  const report = new PdfReport({
    title: document.title,
    subtitle: document.subtitle,
    organisation,
    generatedAt,
    timeZone,
    landscape: document.landscape,
  });
  for (const block of document.blocks) {
    switch (block.kind) {
      case 'section':
        report.section(block.title);
        break;
      case 'paragraph':
        report.paragraph(block.text, { muted: block.muted });
        break;
      case 'fields':
        report.fields(block.pairs, { columns: block.columns });
        break;
      case 'text':
        report.textBlock(block.label, block.value);
        break;
      case 'table':
        report.table(block.columns, block.rows, { emptyText: block.emptyText });
        break;
      case 'barChart':
        report.barChart(block.bars, {
          title: block.title,
          legend: block.legend,
          emptyText: block.emptyText,
          max: block.max,
        });
        break;
      case 'paretoChart':
        report.paretoChart(block.items, { caption: block.caption, emptyText: block.emptyText });
        break;
      case 'signatures':
        report.signatures(block.labels);
        break;
      case 'image':
        report.image(Buffer.from(block.data), { height: block.height });
        break;
      default: {
        const unknown: never = block;
        throw new Error(`unknown block ${JSON.stringify(unknown)}`);
      }
    }
  }
  return report.toBuffer();
}
