import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prisma } from '@/server/db';
import { reloadAuthConfig } from '@/server/auth/auth-config';
import { createCustomerRecord, createCustomerUser, createStaff, TEST_PASSWORD } from '../helpers/factories';
import { AuthBrowser } from '../helpers/next-auth';
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startOidcProvider } from '../helpers/oidc-provider.mjs';

// Staff single sign-on (issue 15 item 4) against a REAL OpenID provider (oidc-provider, started here on a local port):
// next-auth's own endpoints start the sign-in, the provider's development sign-in page is submitted like a browser
// would, and the provider's redirect comes back to next-auth's callback, which verifies the ID token and signs in.
const port = vi.hoisted(() => {
  const chosen = 20_000 + Math.floor(Math.random() * 20_000);
  Object.assign(process.env, {
    KEFU_OIDC_ISSUER: `http://127.0.0.1:${chosen}`,
    KEFU_OIDC_CLIENT_ID: 'kefu-test',
    KEFU_OIDC_CLIENT_SECRET: 'kefu-test-secret-0123456789abcdef',
    KEFU_OIDC_SCOPES: 'openid email profile groups',
    KEFU_OIDC_ROLE_CLAIM: 'groups',
    KEFU_OIDC_ROLE_MAP: 'kefu-admins=ADMIN,kefu-quality=QUALITY_MANAGER,kefu-agents=SERVICE_AGENT',
    KEFU_OIDC_ALLOWED_DOMAINS: 'corp.example',
  });
  return chosen;
});

let provider: Awaited<ReturnType<typeof startOidcProvider>>;

beforeAll(async () => {
  expect(process.env.KEFU_OIDC_CLIENT_ID).toBe(OIDC_CLIENT_ID);
  expect(process.env.KEFU_OIDC_CLIENT_SECRET).toBe(OIDC_CLIENT_SECRET);
  provider = await startOidcProvider({ port, redirectUris: ['http://localhost:3000/api/auth/callback/oidc'] });
});
afterAll(async () => {
  await provider?.close();
});

function configure(env: Record<string, string>) {
  Object.assign(process.env, env);
  reloadAuthConfig();
}

/** A browser at the provider: follows nothing by itself, keeps the provider's cookies. */
class ProviderBrowser {
  readonly cookies = new Map<string, string>();
  async go(url: string, form?: Record<string, string>): Promise<Response> {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return res;
  }
}

/**
 * The whole journey for the provider's account `login`: where next-auth sends the browser at the end ('/console' when
 * signed in, '/console/login?sso=<reason>' when refused), and the next-auth browser with its session cookie.
 */
async function ssoSignIn(login: string) {
  const app = new AuthBrowser({ socket: '10.77.0.1' });
  const { csrfToken } = (await app.request('csrf')).body as { csrfToken: string };
  const start = await app.request('signin/oidc', {
    method: 'POST',
    body: { csrfToken, callbackUrl: '/console', json: 'true' },
  });
  let url = (start.body as { url: string }).url;
  expect(url.startsWith(`${provider.issuer}/auth?`)).toBe(true);
  const at = new ProviderBrowser();
  for (let hops = 0; hops < 10 && !url.startsWith('http://localhost:3000/'); hops++) {
    let res = await at.go(url);
    if (res.status === 200) {
      // The provider's sign-in page: its form posts the login back to the interaction.
      expect(await res.text()).toContain('name="login"');
      res = await at.go(url, { prompt: 'login', login, password: 'any' });
    }
    expect([302, 303]).toContain(res.status);
    url = new URL(res.headers.get('location')!, url).toString();
  }
  const callback = new URL(url);
  expect(callback.pathname).toBe('/api/auth/callback/oidc');
  const done = await app.request('callback/oidc', { query: Object.fromEntries(callback.searchParams) });
  return { app, landing: String(done.headers.location).replace('http://localhost:3000', '') };
}

const historyOf = (entityId: string) =>
  prisma.historyEntry.findMany({ where: { entityType: 'User', entityId }, orderBy: { createdAt: 'asc' } });

describe('staff sign-in through the OpenID provider', () => {
  it('maps the group claim to the role of an existing account, and gives the same session a password sign-in gives', async () => {
    configure({ KEFU_OIDC_PROVISIONING: 'off' });
    const { user } = await createStaff('SERVICE_AGENT', { email: 'lin.manager@corp.example' });
    const { app, landing } = await ssoSignIn('lin.manager');
    expect(landing).toBe('/console');
    const session = (await app.request('session')).body as { user: { id: string; role: string; email: string } };
    expect(session.user).toMatchObject({ id: user.id, role: 'QUALITY_MANAGER', email: 'lin.manager@corp.example' });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ role: 'QUALITY_MANAGER', version: user.version + 1 });
    expect(after.lastLoginAt).not.toBeNull();
    expect(await historyOf(user.id)).toEqual([
      expect.objectContaining({
        action: 'SSO_SIGN_IN',
        actorId: user.id,
        fromState: 'SERVICE_AGENT',
        toState: 'QUALITY_MANAGER',
      }),
    ]);
    // The session ends like any other: sign-out raises the account's session version.
    const cookie = app.sessionCookie;
    expect(cookie).not.toBeNull();
    await app.signOut();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(
      after.sessionVersion + 1,
    );
  });

  it('keeps the role of an account whose groups map to nothing', async () => {
    configure({ KEFU_OIDC_PROVISIONING: 'off' });
    const { user } = await createStaff('DISPATCHER', { email: 'qian.nogroup@corp.example' });
    const { app, landing } = await ssoSignIn('qian.nogroup');
    expect(landing).toBe('/console');
    expect(await app.session()).toMatchObject({ id: user.id, role: 'DISPATCHER' });
  });

  it('refuses an e-mail domain outside the allow-list, creating nothing', async () => {
    configure({ KEFU_OIDC_PROVISIONING: 'default' });
    const { app, landing } = await ssoSignIn('sun.outsider');
    expect(landing).toBe('/console/login?sso=domain');
    expect(await app.session()).toBeNull();
    expect(await prisma.user.count({ where: { email: 'sun@other.example' } })).toBe(0);
  });

  it('refuses an unknown person when provisioning is off', async () => {
    configure({ KEFU_OIDC_PROVISIONING: 'off', KEFU_OIDC_ALLOWED_DOMAINS: '' });
    const { landing } = await ssoSignIn('sun.outsider');
    expect(landing).toBe('/console/login?sso=noAccount');
    expect(await prisma.user.count({ where: { email: 'sun@other.example' } })).toBe(0);
    configure({ KEFU_OIDC_ALLOWED_DOMAINS: 'corp.example' });
  });

  it('just in time, inactive: creates the account with the mapped role, inactive, and does not sign in', async () => {
    configure({ KEFU_OIDC_PROVISIONING: 'inactive' });
    const { app, landing } = await ssoSignIn('zhou.pending');
    expect(landing).toBe('/console/login?sso=pending');
    expect(await app.session()).toBeNull();
    const created = await prisma.user.findUniqueOrThrow({ where: { email: 'zhou.pending@corp.example' } });
    expect(created).toMatchObject({ name: '周新人', role: 'SERVICE_AGENT', active: false, lastLoginAt: null });
    expect((await historyOf(created.id)).map((h) => [h.action, h.toState])).toEqual([['CREATE', 'SERVICE_AGENT']]);
    // Once an admin activates it, the same person signs in.
    await prisma.user.update({ where: { id: created.id }, data: { active: true } });
    const again = await ssoSignIn('zhou.pending');
    expect(again.landing).toBe('/console');
    expect(await again.app.session()).toMatchObject({ id: created.id, role: 'SERVICE_AGENT' });
  });

  it('just in time, default role: creates an active account with the default role and signs in', async () => {
    configure({ KEFU_OIDC_PROVISIONING: 'default', KEFU_OIDC_DEFAULT_ROLE: 'DISPATCHER' });
    const { app, landing } = await ssoSignIn('wu.default');
    expect(landing).toBe('/console');
    const created = await prisma.user.findUniqueOrThrow({ where: { email: 'wu.default@corp.example' } });
    expect(created).toMatchObject({ role: 'DISPATCHER', active: true });
    expect(await app.session()).toMatchObject({ id: created.id, role: 'DISPATCHER' });
    expect((await historyOf(created.id)).map((h) => h.action)).toEqual(['CREATE', 'SSO_SIGN_IN']);
    // The created account has no usable password.
    expect(await app.signIn('wu.default@corp.example', TEST_PASSWORD)).toBe('CredentialsSignin');
  });

  it('refuses a deactivated account, and records the refusal', async () => {
    configure({ KEFU_OIDC_PROVISIONING: 'default' });
    const { user } = await createStaff('SERVICE_AGENT', { email: 'zheng.left@corp.example', active: false });
    const { app, landing } = await ssoSignIn('zheng.left');
    expect(landing).toBe('/console/login?sso=inactive');
    expect(await app.session()).toBeNull();
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ active: false });
    expect((await historyOf(user.id)).map((h) => [h.action, h.comment])).toEqual([['SSO_SIGN_IN_REFUSED', 'inactive']]);
  });

  it('never demotes the last active administrator', async () => {
    configure({ KEFU_OIDC_PROVISIONING: 'off', KEFU_OIDC_ROLE_MAP: 'kefu-admins=SERVICE_MANAGER' });
    await prisma.user.updateMany({ where: { role: 'ADMIN' }, data: { active: false } });
    const { user } = await createStaff('ADMIN', { email: 'zhao.admin@corp.example' });
    const { app, landing } = await ssoSignIn('zhao.admin');
    expect(landing).toBe('/console');
    expect(await app.session()).toMatchObject({ id: user.id, role: 'ADMIN' });
    configure({ KEFU_OIDC_ROLE_MAP: 'kefu-admins=ADMIN,kefu-quality=QUALITY_MANAGER,kefu-agents=SERVICE_AGENT' });
  });
});

describe('password sign-in off for staff', () => {
  it('refuses a staff password, keeps the customer password', async () => {
    configure({ KEFU_STAFF_PASSWORD_SIGNIN: 'off' });
    try {
      const { user } = await createStaff('SERVICE_MANAGER');
      expect(await new AuthBrowser({ socket: '10.77.0.2' }).signIn(user.email, TEST_PASSWORD)).toBe(
        'CredentialsSignin',
      );
      const customer = await createCustomerRecord();
      const { user: portalUser } = await createCustomerUser(customer.id);
      const browser = new AuthBrowser({ socket: '10.77.0.3' });
      expect(await browser.signIn(portalUser.email, TEST_PASSWORD)).toBe('ok');
      expect(await browser.session()).toMatchObject({ id: portalUser.id });
    } finally {
      configure({ KEFU_STAFF_PASSWORD_SIGNIN: 'on' });
    }
    const { user } = await createStaff('SERVICE_MANAGER');
    expect(await new AuthBrowser({ socket: '10.77.0.4' }).signIn(user.email, TEST_PASSWORD)).toBe('ok');
  });
});
