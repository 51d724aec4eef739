import { defineConfig } from '@playwright/test';

// Browser journeys against a production build served by `npm start` on a fresh embedded database (./.data/e2e),
// driven in Debian's Chromium (no browser download on these machines: see ../shared/TOOLCHAIN.md).
const port = Number(process.env.E2E_PORT ?? 3100);
// KEFU_TEST_CLOCK=1: the journeys move the server's clock (POST /api/test/clock) to see records turn overdue.
const dataDir = process.env.E2E_DATA_DIR ?? '.data/e2e';
// Staff single sign-on (tests/e2e/sso.spec.ts): the server trusts an OpenID provider the SSO journey starts on this port
// (tests/helpers/oidc-provider.mjs); password sign-in stays on, so every other journey signs in as before.
export const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 190);

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
    env: {
      KEFU_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
      KEFU_OIDC_CLIENT_ID: 'kefu-test',
      KEFU_OIDC_CLIENT_SECRET: 'kefu-test-secret-0123456789abcdef',
      KEFU_OIDC_SCOPES: 'openid email profile groups',
      KEFU_OIDC_ROLE_MAP: 'kefu-admins=ADMIN,kefu-quality=QUALITY_MANAGER,kefu-agents=SERVICE_AGENT',
      KEFU_OIDC_ALLOWED_DOMAINS: 'corp.example',
      KEFU_OIDC_PROVISIONING: 'default',
    },
    url: `http://localhost:${port}/console/login`,
    // `npm start` builds first when the build is missing or older than the sources: on a busy two-core machine the
    // build alone has taken over 10 minutes.
    timeout: 1_800_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
