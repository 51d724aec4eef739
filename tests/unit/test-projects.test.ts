import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The unit project (vitest.config.mts) runs without a database, in parallel: a test file there that imports the Prisma
// client or a database helper belongs in tests/integration. This keeps the split honest as tests are added; at run time
// the unit project's DATABASE_URL points at a closed port besides, so a connection fails at once.

const root = join(import.meta.dirname, '../..');

function testFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : testFilesUnder(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Imports that mean "this test uses the database": import statements at the start of a line (a test may hold such an
 * import as text, as the lint-boundaries test does for the code it feeds ESLint).
 */
const DATABASE_IMPORTS = [
  /^import [^;]*from '@\/server\/db'/m,
  // (the generated enums are plain objects: no client, no connection)
  /^import [^;]*from '@\/generated\/prisma(?!\/enums')[^']*'/m,
  /^import [^;]*from '@prisma\/client'/m,
  /^import [^;]*from '[./]*tests\/helpers\/(factories|session|graphql|graphql-http|interactions|statements|surveys|worker-process)'/m,
  /^import [^;]*from '\.\.\/helpers\/(factories|session|graphql|graphql-http|interactions|statements|surveys|worker-process)'/m,
  /^import [^;]*from '@\/server\/queue\/boss'/m,
  /\binject\(\s*'databaseUrl'\s*\)/,
];

describe('test projects', () => {
  const unitFiles = [...testFilesUnder(join(root, 'src')), ...testFilesUnder(join(root, 'tests/unit'))];

  it('finds the unit test files', () => {
    expect(unitFiles.length).toBeGreaterThan(40);
  });

  it('no unit test imports the database, the queue or a database test helper (those go in tests/integration)', () => {
    const offenders = unitFiles.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return DATABASE_IMPORTS.filter((pattern) => pattern.test(text)).map(
        (pattern) => `${relative(root, file)}: ${pattern.source}`,
      );
    });
    expect(offenders).toEqual([]);
  });
});
