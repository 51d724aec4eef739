import { describe, expect, it } from 'vitest';
import { moduleDocs } from './sdl-reference';

// The /developers reference is generated from the SDL descriptions: a root field without one would be a blank line in
// the integrators' documentation.
describe('SDL descriptions', () => {
  const modules = moduleDocs();

  it('reads every domain module with root fields', () => {
    expect(modules.length).toBeGreaterThan(10);
    expect(modules.flatMap((m) => m.queries).length).toBeGreaterThan(50);
    expect(modules.flatMap((m) => m.mutations).length).toBeGreaterThan(50);
  });

  it('every root Query and Mutation field has a description', () => {
    const missing = modules.flatMap((m) => [
      ...m.queries.filter((f) => !f.description?.trim()).map((f) => `${m.module}: Query.${f.name}`),
      ...m.mutations.filter((f) => !f.description?.trim()).map((f) => `${m.module}: Mutation.${f.name}`),
    ]);
    expect(missing).toEqual([]);
  });
});
