// A separate app process that runs only the background workers (no schedules), for tests that kill it: it starts the
// workers on DATABASE_URL / KEFU_QUEUE_SCHEMA, prints "ready" and runs until it is killed.
// Run with: node --import tsx --import ./scripts/server-only-noop.mjs tests/helpers/worker-process.ts
import { startWorkers } from '@/server/queue/workers';

startWorkers({
  schedule: false,
  sweepCron: null,
  surveyCron: null,
  housekeepingCron: null,
  pollingIntervalSeconds: 0.5,
}).then(
  () => process.stdout.write('ready\n'),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
