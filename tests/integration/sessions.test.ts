import { describe, expect, it } from 'vitest';
import { revokeApiKey, setUserActive } from '@/graphql/admin/admin.service';
import { viewerForApiKey } from '@/server/auth/api-keys';
import { hashPassword } from '@/server/auth/passwords';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { forgetAccount } from '@/server/auth/sessions';
import { prisma } from '@/server/db';
import { createApiKeyRow, createStaff, TEST_PASSWORD } from '../helpers/factories';
import { AuthBrowser } from '../helpers/next-auth';

/** What a route handler or the GraphQL endpoint makes of a request carrying only this cookie. */
const viewerWith = (cookie: string) => viewerFromRequest({ headers: new Headers({ cookie }) });

async function signedInCopy(email: string) {
  const browser = new AuthBrowser({ socket: '203.0.113.80' });
  expect(await browser.signIn(email, TEST_PASSWORD)).toBe('ok');
  const copy = browser.sessionCookie!;
  expect(await viewerWith(copy)).toMatchObject({ kind: 'staff' });
  return { browser, copy };
}

describe('sessions end server-side', () => {
  it('a session cookie copied before sign-out fails after it, on the API and on next-auth’s own session endpoint', async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    const { browser, copy } = await signedInCopy(user.email);
    const elsewhere = new AuthBrowser({ socket: '203.0.113.81' });
    elsewhere.cookies.set('next-auth.session-token', copy.split('=')[1]!);
    expect(await elsewhere.session()).toMatchObject({ id: user.id });

    await browser.signOut();
    expect(browser.sessionCookie).toBeNull();
    expect(await viewerWith(copy)).toEqual({ kind: 'anonymous' });
    // useSession() with the copy: no session, and next-auth clears the cookie.
    expect(await elsewhere.session()).toBeNull();
    expect(elsewhere.sessionCookie).toBeNull();
    // Signing in again gives a working session.
    const again = await signedInCopy(user.email);
    expect(await viewerWith(again.copy)).toMatchObject({ kind: 'staff', userId: user.id });
  });

  it('sign-out ends the account’s other sessions too, and a stale cookie cannot sign its owner out', async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    const first = await signedInCopy(user.email);
    const second = await signedInCopy(user.email);
    await first.browser.signOut();
    expect(await viewerWith(second.copy)).toEqual({ kind: 'anonymous' });

    const current = await signedInCopy(user.email);
    const stale = new AuthBrowser({ socket: '198.51.100.30' });
    stale.cookies.set('next-auth.session-token', first.copy.split('=')[1]!);
    await stale.signOut();
    expect(await viewerWith(current.copy)).toMatchObject({ kind: 'staff', userId: user.id });
  });

  it('deactivation ends every session at once, and reactivation does not bring the old ones back', async () => {
    const { viewer: admin } = await createStaff('ADMIN');
    const { user } = await createStaff('QUALITY_MANAGER');
    const { copy } = await signedInCopy(user.email);
    await setUserActive(admin, user.id, false);
    expect(await viewerWith(copy)).toEqual({ kind: 'anonymous' });
    await setUserActive(admin, user.id, true);
    expect(await viewerWith(copy)).toEqual({ kind: 'anonymous' });
    expect((await signedInCopy(user.email)).copy).toBeTruthy();
  });

  it('a password change or a role change ends every session, whichever code path writes it', async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    const before = await signedInCopy(user.email);
    // The database raises the session version with the change (trigger User_end_sessions); the writer forgets its
    // cached copy of the account after the commit.
    await prisma.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword('a-new-password-2026') },
    });
    forgetAccount(user.id);
    expect(await viewerWith(before.copy)).toEqual({ kind: 'anonymous' });
    const browser = new AuthBrowser({ socket: '203.0.113.82' });
    expect(await browser.signIn(user.email, 'a-new-password-2026')).toBe('ok');
    expect(await viewerWith(browser.sessionCookie!)).toMatchObject({ kind: 'staff', role: 'SERVICE_AGENT' });

    await prisma.user.update({ where: { id: user.id }, data: { role: 'SERVICE_MANAGER' } });
    forgetAccount(user.id);
    expect(await viewerWith(browser.sessionCookie!)).toEqual({ kind: 'anonymous' });
    // Other writes (a name, a department, the last sign-in) leave sessions alone.
    const after = await new AuthBrowser({ socket: '203.0.113.83' });
    expect(await after.signIn(user.email, 'a-new-password-2026')).toBe('ok');
    await prisma.user.update({ where: { id: user.id }, data: { name: '改名', lastLoginAt: new Date() } });
    forgetAccount(user.id);
    expect(await viewerWith(after.sessionCookie!)).toMatchObject({ kind: 'staff', role: 'SERVICE_MANAGER' });
  });

  it('reads the account once per TTL, not once per request: a change nobody announced shows after forgetAccount (or the TTL)', async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    const { copy } = await signedInCopy(user.email);
    const department = await prisma.department.create({ data: { code: 'QA-T', name: '质量部' } });
    await prisma.user.update({ where: { id: user.id }, data: { departmentId: department.id } });
    expect(await viewerWith(copy)).toMatchObject({ departmentId: null }); // served from the cache
    forgetAccount(user.id);
    expect(await viewerWith(copy)).toMatchObject({ departmentId: department.id });
  });

  it('cookies without a session version (issued before versions existed) no longer count', async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    const { encode } = await import('next-auth/jwt');
    const old = await encode({ token: { uid: user.id, sub: user.id }, secret: process.env.NEXTAUTH_SECRET! });
    expect(await viewerWith(`next-auth.session-token=${old}`)).toEqual({ kind: 'anonymous' });
  });
});

describe('API keys', () => {
  it('are looked up once per TTL, and a revoked key stops working at once', async () => {
    const { viewer: admin } = await createStaff('ADMIN');
    const { key, row } = await createApiKeyRow(['customers:read']);
    const request = () => viewerFromRequest({ headers: new Headers({ authorization: `Bearer ${key}` }) });
    expect(await request()).toMatchObject({ kind: 'apiClient', apiKeyId: row.id });
    // Cached: a rename nobody announced is not read on the next request…
    await prisma.apiKey.update({ where: { id: row.id }, data: { name: 'renamed' } });
    expect(await viewerForApiKey(key)).toMatchObject({ name: row.name });
    // …but revocation through the service is seen by the very next request.
    await revokeApiKey(admin, row.id);
    expect(await request()).toEqual({ kind: 'anonymous' });
    expect(await viewerForApiKey(key)).toBeNull();
  });
});
