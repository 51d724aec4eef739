import { describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { signInWithPassword, SignInThrottled } from '@/server/auth/sign-in';
import { signInDelaySeconds } from '@/server/auth/rate-limit';
import { parseTrustedProxies } from '@/server/http/client-address';
import { createCustomerRecord, createCustomerUser, createStaff, TEST_PASSWORD } from '../helpers/factories';
import { AuthBrowser } from '../helpers/next-auth';

const throttle = (p: Promise<unknown>) =>
  p.then(
    () => 0,
    (e: unknown) => (e instanceof SignInThrottled ? e.retryAfterSeconds : Promise.reject(e)),
  );

describe('password sign-in', () => {
  it('signs staff and customers in with the right password only', async () => {
    const { user } = await createStaff('QUALITY_MANAGER');
    expect(
      await signInWithPassword({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, '10.0.0.1'),
    ).toMatchObject({ id: user.id, role: 'QUALITY_MANAGER', sessionVersion: 0 });
    expect(await signInWithPassword({ email: user.email, password: 'wrong-password' }, '10.0.0.1')).toBeNull();
    expect(await signInWithPassword({ email: 'nobody@test.cn', password: TEST_PASSWORD }, '10.0.0.1')).toBeNull();
    expect(await signInWithPassword({ email: 'not an email' }, '10.0.0.1')).toBeNull();

    const customer = await createCustomerRecord();
    const { user: portalUser } = await createCustomerUser(customer.id);
    expect(await signInWithPassword({ email: portalUser.email, password: TEST_PASSWORD }, '10.0.0.1')).toMatchObject({
      role: 'CUSTOMER',
      customerId: customer.id,
    });
  });

  it('refuses deactivated accounts, with the right password too', async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, '10.0.0.2')).toBeNull();
  });
});

describe('sign-in limits: per address and per (e-mail, address), never per account alone', () => {
  it('51 failed sign-ins with forged X-Forwarded-For lock out the sender only, not anyone at another address', async () => {
    const { user: victim } = await createStaff('SERVICE_AGENT');
    const { user: colleague } = await createStaff('QUALITY_MANAGER');
    const results: string[] = [];
    for (let i = 0; i < 51; i++) {
      // A fresh forged X-Forwarded-For and a fresh e-mail each time: only the socket address stays the same.
      const attacker = new AuthBrowser({ socket: '198.51.100.7', forwardedFor: `10.66.${i >> 8}.${i & 255}` });
      results.push(await attacker.signIn(`guess${i}@test.cn`, 'wrong-guess'));
    }
    expect(results.slice(0, 50)).toEqual(new Array(50).fill('CredentialsSignin'));
    expect(results[50]).toBe('THROTTLED');
    // Guessing the victim's password from there goes nowhere either.
    for (let i = 0; i < 10; i++) {
      expect(
        await new AuthBrowser({ socket: '198.51.100.7', forwardedFor: '203.0.113.20' }).signIn(
          victim.email,
          `guess-${i}`,
        ),
      ).toBe('THROTTLED');
    }

    // Everyone else signs in: another client on the Internet, and the victim from their own address.
    expect(await new AuthBrowser({ socket: '203.0.113.20' }).signIn(victim.email, TEST_PASSWORD)).toBe('ok');
    expect(
      await new AuthBrowser({ socket: '203.0.113.21', forwardedFor: '198.51.100.7' }).signIn(
        colleague.email,
        TEST_PASSWORD,
      ),
    ).toBe('ok');
  });

  it('behind a trusted proxy, entries the client prepended are ignored and the proxy-reported address is counted', async () => {
    const trusted = parseTrustedProxies('10.0.0.0/8');
    for (let i = 0; i < 50; i++) {
      await new AuthBrowser({ socket: '10.0.0.2', forwardedFor: `192.0.2.${i}, 198.51.100.8`, trusted }).signIn(
        `probe${i}@test.cn`,
        'x',
      );
    }
    expect(
      await new AuthBrowser({ socket: '10.0.0.2', forwardedFor: '192.0.2.250, 198.51.100.8', trusted }).signIn(
        'probe@test.cn',
        'x',
      ),
    ).toBe('THROTTLED');
    // Another client behind the same proxy is its own address, not the proxy's.
    const { user } = await createStaff('SERVICE_AGENT');
    expect(
      await new AuthBrowser({ socket: '10.0.0.2', forwardedFor: '203.0.113.30', trusted }).signIn(
        user.email,
        TEST_PASSWORD,
      ),
    ).toBe('ok');
  });

  it("the owner's correct password still works from their address after ten wrong ones from elsewhere", async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    for (let i = 0; i < 10; i++) {
      expect(await throttle(signInWithPassword({ email: user.email, password: `guess-${i}` }, `198.18.0.${i}`))).toBe(
        0,
      );
    }
    // …and ten from one other address, which that address now has to wait out:
    for (let i = 0; i < 10; i++)
      await throttle(signInWithPassword({ email: user.email, password: `guess-${i}` }, '198.18.0.99'));
    expect(
      await throttle(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, '198.18.0.99')),
    ).toBeGreaterThan(0);
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, '203.0.113.40')).toMatchObject({
      id: user.id,
    });
  });

  it('one (e-mail, address) waits longer after each failure beyond the first five, even with the right password, until a success clears it', async () => {
    expect([1, 5, 6, 7, 8, 15, 16, 30].map((n) => signInDelaySeconds(n, 5))).toEqual([0, 0, 1, 2, 4, 512, 900, 900]);
    const { user } = await createStaff('SERVICE_AGENT');
    const from = '203.0.113.50';
    for (let i = 0; i < 5; i++)
      expect(await signInWithPassword({ email: user.email, password: 'wrong' }, from)).toBeNull();
    expect(await signInWithPassword({ email: user.email, password: 'wrong' }, from)).toBeNull(); // the 6th: 1 s to wait
    expect(await throttle(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, from))).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await signInWithPassword({ email: user.email, password: 'wrong' }, from)).toBeNull(); // the 7th: 2 s
    expect(await throttle(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, from))).toBe(2);
    // The same account from another address, and another account from this address, are not held up.
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, '203.0.113.51')).toMatchObject({
      id: user.id,
    });
    const { user: other } = await createStaff('SERVICE_AGENT');
    expect(await signInWithPassword({ email: other.email, password: TEST_PASSWORD }, from)).toMatchObject({
      id: other.id,
    });
    // Once the wait is over, the right password signs in and clears the pair's failures.
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, from)).toMatchObject({
      id: user.id,
    });
    for (let i = 0; i < 5; i++)
      expect(await signInWithPassword({ email: user.email, password: 'wrong' }, from)).toBeNull();
    expect(await throttle(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, from))).toBe(0);
  });

  it('successful sign-ins do not use up an address (an office behind one NAT address)', async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    const office = '203.0.113.60';
    for (let i = 0; i < 45; i++) await signInWithPassword({ email: `nobody${i}@test.cn`, password: 'x' }, office);
    for (let i = 0; i < 10; i++)
      expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, office)).toMatchObject({
        id: user.id,
      });
    expect(await throttle(signInWithPassword({ email: 'late@test.cn', password: 'x' }, office))).toBe(0);
  }, 60_000);

  it('without a known address (outside the real server) no per-address limit applies, and no shared bucket fills', async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    for (let i = 0; i < 51; i++)
      expect(await throttle(signInWithPassword({ email: `x${i}@test.cn`, password: 'x' }, null))).toBe(0);
    expect(await new AuthBrowser({ socket: '203.0.113.70' }).signIn(user.email, TEST_PASSWORD)).toBe('ok');
  }, 60_000);
});

describe('sign-in timing', () => {
  it('an unknown or inactive account answers in about the time a known one with a wrong password does', async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    const { user: inactive } = await createStaff('SERVICE_AGENT');
    await prisma.user.update({ where: { id: inactive.id }, data: { active: false } });
    // Interleaved rounds, each attempt from a fresh address (no limit in the way), median per kind: the machine's load
    // drifts, and it should drift for all three alike.
    const emails = { known: user.email, unknown: 'nobody-here@test.cn', inactive: inactive.email };
    const times: Record<keyof typeof emails, number[]> = { known: [], unknown: [], inactive: [] };
    let n = 0;
    for (let round = 0; round < 10; round++) {
      for (const kind of Object.keys(emails) as (keyof typeof emails)[]) {
        const started = performance.now();
        expect(
          await signInWithPassword({ email: emails[kind], password: 'wrong-password' }, `192.0.2.${++n}`),
        ).toBeNull();
        if (round > 0) times[kind].push(performance.now() - started); // round 0 warms up
      }
    }
    const median = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
    const [known, unknown, deactivated] = [median(times.known), median(times.unknown), median(times.inactive)];
    console.log(
      `[sign-in timing] median of 9: known account ${known.toFixed(0)} ms, unknown ${unknown.toFixed(0)} ms, inactive ${deactivated.toFixed(0)} ms`,
    );
    for (const t of [unknown, deactivated]) {
      expect(t / known).toBeGreaterThan(0.5);
      expect(t / known).toBeLessThan(2);
    }
  }, 60_000);
});
