/**
 * Next.js start-up hook for a bare `next start` (the app's own server, src/server/http/main.ts, starts them itself):
 * it runs the background jobs (escalation sweep every minute, survey reminders every 15 minutes, housekeeping hourly,
 * outgoing mail) in the web server process. KEFU_WORKERS=off leaves them to another instance; they are never started
 * while `next build` runs.
 */
export async function register() {
  if (
    process.env.NEXT_RUNTIME === 'nodejs' &&
    process.env.KEFU_WORKERS !== 'off' &&
    process.env.NEXT_PHASE !== 'phase-production-build' &&
    process.env.KEFU_HTTP_SERVER !== '1'
  ) {
    const { startWorkers } = await import('@/server/queue/workers');
    try {
      await startWorkers();
      console.log(
        `▶ background jobs: escalation sweep every minute, survey reminders every 15 minutes, housekeeping hourly, mail ${process.env.SMTP_URL ? 'over SMTP' : 'logged only (SMTP_URL not set)'}`,
      );
    } catch (error) {
      // The site stays up; the jobs wait in PostgreSQL for a worker that starts.
      console.error('✖ background jobs did not start:', error instanceof Error ? error.message : error);
    }
  }
}
