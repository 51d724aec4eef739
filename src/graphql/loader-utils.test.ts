import { describe, expect, it } from 'vitest';
import { SettlingLoader } from './loader-utils';

describe('SettlingLoader', () => {
  const make = (peek?: (key: string) => string | null | undefined) => {
    const batches: string[][] = [];
    const loader = new SettlingLoader<string, string | null>(async (keys) => {
      batches.push([...keys]);
      return keys.map((k) => (k === 'missing' ? null : `row ${k}`));
    }, peek);
    return { loader, batches };
  };

  it('answers settled keys with their values, in one batch, and other keys with a promise', async () => {
    const { loader, batches } = make();
    await loader.settle(['a', 'b', 'a', 'missing']);
    expect(batches).toEqual([['a', 'b', 'missing']]);
    expect(loader.loadNow('a')).toBe('row a');
    expect(loader.loadNow('missing')).toBeNull();
    const other = loader.loadNow('c');
    expect(other).toBeInstanceOf(Promise);
    expect(await other).toBe('row c');
    expect(batches).toEqual([['a', 'b', 'missing'], ['c']]);
  });

  it('answers what its process cache holds as a value, without a load', async () => {
    const { loader, batches } = make((key) => (key === 'cached' ? 'from cache' : undefined));
    expect(loader.loadNow('cached')).toBe('from cache');
    expect(await loader.loadNow('x')).toBe('row x');
    expect(batches).toEqual([['x']]);
  });

  it('a cleared key is loaded again, as DataLoader does', async () => {
    const { loader, batches } = make();
    await loader.settle(['a', 'b']);
    loader.clear('a');
    const again = loader.loadNow('a');
    expect(again).toBeInstanceOf(Promise);
    expect(await again).toBe('row a');
    expect(loader.loadNow('b')).toBe('row b');
    loader.clearAll();
    expect(loader.loadNow('b')).toBeInstanceOf(Promise);
    await loader.loadNow('b');
    expect(batches).toEqual([['a', 'b'], ['a'], ['b']]);
  });

  it('settling nothing loads nothing', async () => {
    const { loader, batches } = make();
    await loader.settle([]);
    expect(batches).toEqual([]);
  });
});
