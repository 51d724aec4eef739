import { defineConfig } from '@playwright/test';

// Browser journeys against a production build served by `npm start` on a fresh embedded database (./.data/e2e),
// driven in Debian's Chromium (no browser download on these machines: see ../shared/TOOLCHAIN.md).
const port = Number(process.env.E2E_PORT ?? 3100);
// KEFU_TEST_CLOCK=1: the journeys move the server's clock (POST /api/test/clock) to see records turn overdue.
const dataDir = process.env.E2E_DATA_DIR ?? '.data/e2e';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && KEFU_TEST_CLOCK=1 KEFU_DATA_DIR=${dataDir} PORT=${port} npm start`,
    url: `http://localhost:${port}/console/login`,
    // `npm start` builds first when the build is missing or older than the sources: on a busy two-core machine the
    // build alone has taken over 10 minutes.
    timeout: 1_800_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
