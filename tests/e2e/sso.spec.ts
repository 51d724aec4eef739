import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import config, { oidcPort } from '../../playwright.config';

// Staff single sign-on (issue 15 item 4) in the browser, against a real OpenID provider (oidc-provider, started here
// on the port the suite's server trusts, playwright.config.ts): the console login's 使用企业账号登录, the provider's own
// sign-in page, and back in the console, signed in with the role the provider's group maps to (a new account, created
// just in time with that role).
let provider: ChildProcess;

test.beforeAll(async () => {
  const appUrl = String(config.use?.baseURL);
  provider = spawn(
    process.execPath,
    ['tests/helpers/oidc-provider.mjs', String(oidcPort), `${appUrl}/api/auth/callback/oidc`],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  provider.stdout!.setEncoding('utf8');
  while (!output.includes('listening')) output += String((await once(provider.stdout!, 'data'))[0]);
});

test.afterAll(() => {
  provider?.kill();
});

// The first pages of a freshly started server are slow on a busy machine: the journey crosses two servers.
test.setTimeout(180_000);

test('sign in with the company account: provider sign-in page, then the console with the mapped role', async ({
  page,
}) => {
  await page.goto('/console/login');
  // Password sign-in stays on beside it in this configuration.
  await expect(page.getByLabel('密码')).toBeVisible();
  await page.getByRole('link', { name: '使用企业账号登录' }).click();

  // The provider's own interaction page.
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${oidcPort}/interaction/`));
  await page.locator('input[name="login"]').fill('e2e.quality');
  await page.locator('input[name="password"]').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  await expect(page).toHaveURL(/\/console$/);
  const session = (await (await page.request.get('/api/auth/session')).json()) as {
    user?: { email: string; name: string; role: string };
  };
  expect(session.user).toMatchObject({ email: 'e2e.quality@corp.example', name: '单点质量', role: 'QUALITY_MANAGER' });
  await expect(page.getByText('单点质量').first()).toBeVisible();
});
