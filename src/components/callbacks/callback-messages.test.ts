import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageKeys } from '@/i18n/message-keys';
import zh from '../../../messages/zh-CN/callbacks.json';

const zhKeys = messageKeys(zh);
const root = join(__dirname, '../../..');

/** Every source of the callback screens: the components here and the console page. */
function callbackSources(): { file: string; text: string }[] {
  const files = readdirSync(__dirname)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => join(__dirname, f));
  return [...files, join(root, 'src/app/console/(app)/callbacks/page.tsx')].map((file) => ({
    file,
    text: readFileSync(file, 'utf8'),
  }));
}

describe('callbacks messages', () => {
  it('label every queue, reason, status and outcome, and every kind of error', () => {
    for (const queue of ['MINE', 'DUE_SOON', 'OVERDUE', 'PENDING', 'DONE']) expect(zhKeys).toContain(`queue.${queue}`);
    for (const reason of ['POST_RESOLUTION', 'KEY_ACCOUNT', 'PERIODIC', 'SURVEY_FOLLOW_UP'])
      expect(zhKeys).toContain(`reason.${reason}`);
    for (const status of ['PENDING', 'DONE', 'CANCELLED']) expect(zhKeys).toContain(`status.${status}`);
    for (const outcome of ['NO_PROBLEM', 'REOPENED', 'NEW_COMPLAINT', 'UNREACHABLE']) {
      expect(zhKeys).toContain(`outcome.${outcome}`);
      expect(zhKeys).toContain(`outcomeHint.${outcome}`);
    }
    for (const kind of ['forbidden', 'unauthenticated', 'notFound', 'conflict', 'network', 'unknown'])
      expect(zhKeys).toContain(`errors.${kind}`);
  });

  it('use the wording of the callback script [001 §6.2] and of the desk', () => {
    expect(zh.record).toMatchObject({ accuracy: '准确性', timeliness: '及时性', attitude: '服务态度' });
    expect(zh.actions).toMatchObject({ create: '新建回访', record: '记录回访' });
    expect(zh.record.conflict).toContain('已被他人修改');
    expect(zh.title).toBe('回访');
  });

  it('have every literal key the callback screens ask for', () => {
    const missing: string[] = [];
    let used = 0;
    for (const { file, text } of callbackSources()) {
      // The namespaces this file's translators are scoped to: `callbacks` or a part of it (`callbacks.list`).
      const prefixes = [...text.matchAll(/(?:useTranslations|getTranslations)\('callbacks(?:\.([\w.]+))?'\)/g)].map(
        (m) => (m[1] ? `${m[1]}.` : ''),
      );
      for (const [, key] of text.matchAll(/\bt\(\s*'([^']+)'/g)) {
        used += 1;
        if (!prefixes.some((prefix) => zhKeys.has(`${prefix}${key}`)))
          missing.push(`${file.replace(root, '')}: ${key}`);
      }
    }
    expect(used).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });
});
