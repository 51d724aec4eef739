import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageKeys } from '@/i18n/message-keys';
import zh from '../../../messages/zh-CN/reports.json';

const zhKeys = messageKeys(zh);
const root = join(__dirname, '../../..');

// Each source file reads one part of the namespace through `t` (useTranslations/getTranslations('reports.<part>')).
const SOURCES: [file: string, prefix: string][] = [
  ['src/components/reports/complaint-monthly-report.tsx', 'complaints'],
  ['src/components/reports/reports-index.tsx', 'index'],
  ['src/components/complaints/complaint-print-links.tsx', 'print'],
];

describe('reports messages', () => {
  it('have every literal key the report screens ask for', () => {
    const used = SOURCES.flatMap(([file, prefix]) => {
      const source = readFileSync(join(root, file), 'utf8');
      expect(source).toContain(`'reports.${prefix}'`);
      return [...source.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => `${prefix}.${m[1]}`);
    });
    expect(used.length).toBeGreaterThan(60);
    expect(used.filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('word every improvement-focus kind and every error kind (keys built at run time)', () => {
    for (const kind of ['CAUSE_DEPARTMENT', 'PRODUCT', 'REPEAT_CUSTOMER', 'OVERDUE_DEPARTMENT'])
      expect(zhKeys).toContain(`complaints.focus.${kind}`);
    for (const kind of ['forbidden', 'unauthenticated', 'notFound', 'conflict', 'network', 'unknown'])
      expect(zhKeys).toContain(`complaints.errors.${kind}`);
  });

  it('use the words of the print links the brief names', () => {
    expect(zh.print).toEqual({ eightD: '打印 8D 报告', handlingForm: '打印处理单' });
  });
});
