import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers';

// Every kind of route answers with the security headers (src/server/http/security-headers.ts, applied by src/proxy.ts
// and, for /api/graphql, by the HTTP server), and a page's scripts run under its nonce without a CSP violation.

const SAME_FOR_ALL = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

function directives(response: APIResponse): Record<string, string> {
  const policy = response.headers()['content-security-policy'];
  expect(policy, `${response.url()} has a Content-Security-Policy`).toBeTruthy();
  return Object.fromEntries(
    policy!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

function expectCommonHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers, response.url()).toMatchObject(SAME_FOR_ALL);
  expect(headers['permissions-policy'], response.url()).toContain('camera=()');
  expect(headers['strict-transport-security'], `${response.url()}: no HSTS over plain http`).toBeUndefined();
  expect(directives(response)['frame-ancestors'], response.url()).toBe("'none'");
}

/** A page: the nonce in its policy is the one on its scripts, different on every request. */
async function expectPage(response: APIResponse): Promise<string> {
  expectCommonHeaders(response);
  const csp = directives(response);
  const nonce = /'nonce-([^']+)'/.exec(csp['script-src'] ?? '')?.[1];
  expect(nonce, `${response.url()} script-src has a nonce`).toBeTruthy();
  expect(csp['script-src']).toContain("'strict-dynamic'");
  expect(csp['script-src']).not.toContain("'unsafe-eval'");
  expect(csp['script-src']).not.toContain("'unsafe-inline'");
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, `${response.url()} has scripts`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, response.url()).toContain(`nonce="${nonce}"`);
  return nonce!;
}

/** Not a page: nothing may run in it. */
function expectResource(response: APIResponse) {
  expectCommonHeaders(response);
  const csp = directives(response);
  expect(csp['default-src'], response.url()).toBe("'none'");
  expect(csp['script-src'], response.url()).toBeUndefined();
}

async function signInByApi(request: APIRequestContext, email: string) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await request.post('/api/auth/callback/credentials', {
    form: { email, password: DEMO_PASSWORD, csrfToken, json: 'true' },
  });
  expect(response.ok()).toBe(true);
  const session = (await (await request.get('/api/auth/session')).json()) as { user?: { email: string } };
  expect(session.user?.email).toBe(email);
}

test('every route kind answers with the security headers', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const staff = await playwright.request.newContext({ baseURL });
  const customer = await playwright.request.newContext({ baseURL });
  await signInByApi(staff, 'agent@kefu.demo');
  await signInByApi(customer, 'customer@kefu.demo');

  // Pages: the console, the portal, the public intake, the status look-up, a survey link, the sign-in page, a 404.
  const consolePage = await staff.get('/console');
  expect(consolePage.status()).toBe(200);
  const first = await expectPage(consolePage);
  expect(await expectPage(await staff.get('/console'))).not.toBe(first);
  expect((await customer.get('/portal')).status()).toBe(200);
  await expectPage(await customer.get('/portal'));
  for (const path of ['/submit', '/track', '/s/not-a-real-token-0000000000000000000000', '/console/login']) {
    const response = await anonymous.get(path);
    expect(response.status(), path).toBe(200);
    await expectPage(response);
  }
  const missing = await anonymous.get('/no-such-page');
  expect(missing.status()).toBe(404);
  await expectPage(missing);

  // Route handlers: a CSV download, an error answer, the GraphQL endpoint, next-auth's endpoint.
  const csv = await staff.get('/api/customers/export?format=csv');
  expect(csv.status()).toBe(200);
  expectResource(csv);
  const refused = await anonymous.get('/api/customers/export?format=csv');
  expect(refused.status()).toBe(401);
  expectResource(refused);
  const graphql = await staff.post('/api/graphql', { data: { query: '{ viewer { __typename } }' } });
  expect(graphql.status()).toBe(200);
  expectResource(graphql);
  expectResource(await anonymous.get('/api/auth/csrf'));

  // Static assets: a script chunk the sign-in page loads, and the icon.
  const html = await (await anonymous.get('/console/login')).text();
  const chunk = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
  expect(chunk).toBeTruthy();
  const asset = await anonymous.get(chunk!);
  expect(asset.status()).toBe(200);
  expectResource(asset);
  const iconPath = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1];
  expect(iconPath, 'the pages link a favicon').toBeTruthy();
  const icon = await anonymous.get(iconPath!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expectResource(icon);

  // Over https (as a proxy in front reports it): HSTS and upgraded requests.
  const secure = await anonymous.get('/console/login', { headers: { 'x-forwarded-proto': 'https' } });
  expect(secure.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  expect(directives(secure)).toHaveProperty('upgrade-insecure-requests');
  // A client cannot choose the nonce by sending a policy of its own.
  const forged = await anonymous.get('/console/login', {
    headers: { 'content-security-policy': "script-src 'nonce-forged'", 'x-nonce': 'forged' },
  });
  expect(await forged.text()).not.toContain('nonce="forged"');

  await Promise.all([anonymous.dispose(), staff.dispose(), customer.dispose()]);
});

test('pages run their scripts under the policy without a single CSP violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  page.on('pageerror', (error) => violations.push(String(error)));

  await page.goto('/console/login');
  // The client runtime booted (Next sets window.next once its scripts ran): the nonce let them in.
  await page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version));
  // Signed in (the page shares the request context's cookies), a page with charts: recharts' SVG carries inline styles.
  await signInByApi(page.request, 'quality@kefu.demo');
  await page.goto('/console/reports/complaints');
  await page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version));
  await expect(page.getByTestId('chart-severity').locator('svg.recharts-surface').first()).toBeVisible();
  await page.goto('/portal/login');
  await page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version));
  expect(violations).toEqual([]);

  // The policy is enforced and a violation would have been seen: markup injected into the page cannot run script.
  await page.evaluate(() =>
    document.body.insertAdjacentHTML('beforeend', '<img src="data:," onload="window.__injected = true">'),
  );
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
