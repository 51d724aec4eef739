import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageKeys } from '@/i18n/message-keys';
import zh from '../../../messages/zh-CN/customers.json';
import { ENUM_FILTER_KEYS, ENUM_FILTER_VALUES } from './customer-list-params';

const zhKeys = messageKeys(zh);

describe('customers messages', () => {
  it('label every enum value', () => {
    for (const key of ENUM_FILTER_KEYS)
      for (const value of ENUM_FILTER_VALUES[key]) expect(zhKeys, `${key}.${value}`).toContain(`${key}.${value}`);
  });

  it('have every literal key the customer screens ask for', () => {
    const dir = __dirname;
    const sources = readdirSync(dir)
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    const used = new Set(sources.flatMap((src) => [...src.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !zhKeys.has(k))).toEqual([]);
  });
});
