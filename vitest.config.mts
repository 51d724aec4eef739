import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit tests live next to the code (src/**/*.test.ts); integration tests in tests/integration run GraphQL operations
// against a real PostgreSQL: embedded PGlite by default, the server in TEST_DATABASE_URL (or a `<db>_test` database
// beside DATABASE_URL) when set. Files run one after another against one database, truncated between files.
export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname, 'src') } },
  test: {
    include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/per-file.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
