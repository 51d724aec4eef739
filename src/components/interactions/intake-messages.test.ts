import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTERACTION_CHANNELS, INTERACTION_STATUSES } from '@/graphql/interactions/intake.rules';
import { messageKeys } from '@/i18n/message-keys';
import zh from '../../../messages/zh-CN/intake.json';

const zhKeys = messageKeys(zh);
const root = join(__dirname, '../../..');

/** Every source file of the intake screens: components here and the pages that use the `intake` namespace. */
function intakeSources(): string[] {
  const files = readdirSync(__dirname)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => join(__dirname, f));
  const pages = [
    'src/app/track/page.tsx',
    'src/app/submit/page.tsx',
    'src/app/portal/(app)/interactions/page.tsx',
    'src/app/portal/(app)/interactions/new/page.tsx',
    'src/app/portal/(app)/interactions/[id]/page.tsx',
    'src/app/console/(app)/interactions/page.tsx',
    'src/app/console/(app)/interactions/new/page.tsx',
    'src/app/console/(app)/interactions/[id]/page.tsx',
  ].map((p) => join(root, p));
  return [...files, ...pages].map((f) => readFileSync(f, 'utf8'));
}

describe('intake messages', () => {
  it('label every type, status and channel', () => {
    for (const type of ['CONSULTATION', 'INQUIRY', 'COMPLAINT', 'SUGGESTION']) expect(zhKeys).toContain(`type.${type}`);
    for (const channel of INTERACTION_CHANNELS) expect(zhKeys).toContain(`channel.${channel}`);
    for (const status of INTERACTION_STATUSES) expect(zhKeys).toContain(`status.${status}`);
    for (const kind of ['forbidden', 'unauthenticated', 'notFound', 'conflict', 'network', 'unknown'])
      expect(zhKeys).toContain(`errors.${kind}`);
  });

  it('have every literal key the intake screens ask for', () => {
    const used = new Set(
      intakeSources()
        .flatMap((src) => [...src.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!))
        // The public shell reads the root namespace: its `common.*` keys belong to common.json.
        .filter((key) => !key.startsWith('common.'))
        .map((key) => key.replace(/^intake\./, '')),
    );
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((k) => !zhKeys.has(k))).toEqual([]);
  });
});
