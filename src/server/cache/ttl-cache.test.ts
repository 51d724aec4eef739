import { describe, expect, it } from 'vitest';
import { AUTH_CACHE_TTL_MS, sharedCache, TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('serves a value until its TTL ends, then reads it again', async () => {
    let clock = 0;
    let reads = 0;
    const cache = new TtlCache<string, number>(5_000, 100, () => clock);
    const load = async () => ++reads;
    expect(await cache.get('a', load)).toBe(1);
    clock = 4_999;
    expect(await cache.get('a', load)).toBe(1);
    clock = 5_000;
    expect(await cache.get('a', load)).toBe(2);
  });

  it('forgets at once on delete, and never keeps a value read while an invalidation happened', async () => {
    const cache = new TtlCache<string, string>(5_000);
    expect(await cache.get('user', async () => 'v1')).toBe('v1');
    cache.delete('user');
    // A read that started before an invalidation may hold the old state: returned, not kept.
    let release!: () => void;
    const slow = cache.get('user', () => new Promise<string>((r) => (release = () => r('stale'))));
    cache.delete('user');
    release();
    expect(await slow).toBe('stale');
    expect(await cache.get('user', async () => 'fresh')).toBe('fresh');
  });

  it('keeps at most maxEntries, dropping the oldest, and skips values `keep` refuses', async () => {
    const cache = new TtlCache<number, number | null>(5_000, 3);
    for (let i = 0; i < 5; i++) await cache.get(i, async () => i);
    expect(cache.size).toBe(3);
    expect(await cache.get(0, async () => -1)).toBe(-1);
    await cache.get(
      99,
      async () => null,
      (v) => v !== null,
    );
    expect(await cache.get(99, async () => 7)).toBe(7);
  });

  it('deleteWhere drops the entries a predicate picks', async () => {
    const cache = new TtlCache<string, { id: string }>(5_000);
    await cache.get('h1', async () => ({ id: 'k1' }));
    await cache.get('h2', async () => ({ id: 'k2' }));
    cache.deleteWhere((v) => v.id === 'k1');
    expect(await cache.get('h1', async () => ({ id: 'reloaded' }))).toEqual({ id: 'reloaded' });
    expect(await cache.get('h2', async () => ({ id: 'reloaded' }))).toEqual({ id: 'k2' });
  });

  it('requests that miss together share one load, but not one that started before an invalidation', async () => {
    let reads = 0;
    const cache = new TtlCache<string, number>(5_000);
    let release: () => void = () => undefined;
    const load = () => new Promise<number>((resolve) => (release = () => resolve(++reads)));
    const first = cache.get('a', load);
    const second = cache.get('a', load);
    release();
    expect([await first, await second, reads]).toEqual([1, 1, 1]);

    const before = cache.get('b', load);
    const releaseBefore = release;
    cache.delete('b');
    const after = cache.get('b', load);
    releaseBefore();
    release();
    expect([await before, await after, reads]).toEqual([2, 3, 3]);
    expect(cache.peek('b')).toBe(3);
  });

  it('put keeps a value read since a generation only if nothing was invalidated meanwhile; peek never loads', () => {
    let clock = 0;
    const cache = new TtlCache<string, number | null>(1_000, 100, () => clock);
    const before = cache.generation;
    cache.put('a', 1, before);
    cache.put('none', null, before);
    expect([cache.peek('a'), cache.peek('none'), cache.peek('b')]).toEqual([1, null, undefined]);
    const stale = cache.generation;
    cache.delete('x');
    cache.put('b', 2, stale);
    expect(cache.peek('b')).toBeUndefined();
    clock = 1_000;
    expect(cache.peek('a')).toBeUndefined();
    cache.put('c', 3, cache.generation);
    cache.clear();
    expect([cache.peek('c'), cache.size]).toEqual([undefined, 0]);
  });

  it('sharedCache is one cache per name for the whole process (both copies of the server modules)', () => {
    expect(sharedCache('x')).toBe(sharedCache('x'));
    expect(sharedCache('x')).not.toBe(sharedCache('y'));
    expect((globalThis as { kefuAuthCaches?: Map<string, unknown> }).kefuAuthCaches?.get('x')).toBe(sharedCache('x'));
    expect(sharedCache('x').ttlMs).toBe(AUTH_CACHE_TTL_MS);
  });
});
