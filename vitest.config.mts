import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit tests live next to the code (src/**/*.test.ts); integration tests in tests/integration run GraphQL operations
// against a real PostgreSQL: embedded PGlite by default, the server in TEST_DATABASE_URL (or a `<db>_test` database
// beside DATABASE_URL) when set. Files run one after another against one database, truncated between files.
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
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/per-file.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
