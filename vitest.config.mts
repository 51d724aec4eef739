import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Two projects (README, "Tests"):
// - unit: tests that need no database — pure rules, formatting, URL params, message bundles, schema walks. Colocated
//   src/**/*.test.ts and tests/unit/**. No global setup, files in parallel threads. DATABASE_URL points at a closed
//   port, so a unit test that reaches for the database fails at once instead of quietly using one.
// - integration: tests/integration/** run GraphQL operations, routes and services against a real PostgreSQL: embedded
//   PGlite by default, the server in TEST_DATABASE_URL (or a `<db>_test` database beside DATABASE_URL) when set. Files
//   run one after another against one database, truncated between files (tests/setup/per-file.ts).
// One copy of graphql: Vite would give our sources graphql's ESM build (its "module" field) while Apollo and
// @graphql-tools load it through Node (its CommonJS "main"); a schema from one copy used with functions of the other
// fails graphql's realm check (parseInputParam's coerceInputValue on the schema's input types, as the export routes do).
export default defineConfig({
  resolve: {
    alias: [
      { find: '@', replacement: resolve(import.meta.dirname, 'src') },
      { find: /^graphql$/, replacement: resolve(import.meta.dirname, 'node_modules/graphql/index.js') },
      // Services and src/server modules `import 'server-only'`, which throws outside Next's react-server condition; tests
      // run them in Node, where there is no client bundle to guard (scripts/server-only-noop.mjs does the same for tsx).
      { find: /^server-only$/, replacement: resolve(import.meta.dirname, 'node_modules/server-only/empty.js') },
    ],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          pool: 'threads',
          env: { DATABASE_URL: 'postgresql://unit-tests-have-no-database@127.0.0.1:1/none', TEST_DATABASE_URL: '' },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/global-setup.ts'],
          setupFiles: ['tests/setup/per-file.ts'],
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
