import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The two-instance test (tests/instances, README "Deployment"): two production servers (`npm start`) on one PostgreSQL
// server. Not a project of vitest.config.ts, so `npm test` never runs it: `npm run test:instances` (and .ci/run) do.
// It builds when the production build is missing or stale (the same .next the Playwright suite then reuses).
export default defineConfig({
  resolve: { alias: [{ find: '@', replacement: resolve(import.meta.dirname, 'src') }] },
  test: {
    include: ['tests/instances/**/*.test.ts'],
    testTimeout: 5 * 60_000,
    hookTimeout: 30 * 60_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
