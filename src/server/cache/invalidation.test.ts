import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { invalidate, onInvalidate } from './invalidation';

describe('cache invalidation', () => {
  it('reaches every listener of the topic in this process, and only of that topic', () => {
    const heard: (string | null)[] = [];
    onInvalidate('test-topic', (key) => heard.push(key));
    onInvalidate('other-topic', () => heard.push('wrong'));
    invalidate('test-topic', 'k1');
    invalidate('test-topic');
    expect(heard).toEqual(['k1', null]);
  });

  it('reaches the sibling server processes of a cluster through the primary', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--import', './scripts/server-only-noop.mjs', 'tests/fixtures/cluster-invalidation.ts'],
      { timeout: 20_000 },
    );
    const heard = JSON.parse(stdout.trim()) as { worker: string; key: string }[];
    // The invalidating worker drops its own copy at once; the other hears it relayed.
    expect(heard.sort((a, b) => a.worker.localeCompare(b.worker))).toEqual([
      { worker: '0', key: 'user-1' },
      { worker: '1', key: 'user-1' },
    ]);
  });
});
