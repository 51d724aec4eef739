import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyDifferences, messageKeys } from '@/i18n/message-keys';
import en from '../../messages/en/home.json';
import zh from '../../messages/zh-CN/home.json';

const root = join(__dirname, '../..');

describe('home messages (landing page and sign-in notices)', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keyDifferences(zh, en)).toEqual({ onlyInZh: [], onlyInEn: [] });
  });

  it('have every key the landing page and the sign-in form ask for', () => {
    const keys = messageKeys(zh);
    // Each file binds its own translator to one section: `t` on the landing page, `th` in the sign-in form.
    const sources: [file: string, translator: string, section: string][] = [
      ['src/app/page.tsx', 't', 'landing'],
      ['src/components/sign-in-form.tsx', 'th', 'signIn'],
    ];
    const used = sources.flatMap(([file, translator, section]) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(new RegExp(`\\b${translator}\\(\\s*'([^']+)'`, 'g'))].map(
        (m) => `${section}.${m[1]!}`,
      ),
    );
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((key) => !keys.has(key))).toEqual([]);
  });
});
