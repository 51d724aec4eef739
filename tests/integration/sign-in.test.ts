import { describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { signInWithPassword, SignInThrottled } from '@/server/auth/sign-in';
import { viewerForUser } from '@/server/auth/request-viewer';
import { createCustomerRecord, createCustomerUser, createStaff, TEST_PASSWORD } from '../helpers/factories';

describe('password sign-in', () => {
  it('signs staff and customers in with the right password only', async () => {
    const { user } = await createStaff('QUALITY_MANAGER');
    expect(await signInWithPassword({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, '10.0.0.1')).toMatchObject({ id: user.id, role: 'QUALITY_MANAGER' });
    expect(await signInWithPassword({ email: user.email, password: 'wrong-password' }, '10.0.0.1')).toBeNull();
    expect(await signInWithPassword({ email: 'nobody@test.cn', password: TEST_PASSWORD }, '10.0.0.1')).toBeNull();
    expect(await signInWithPassword({ email: 'not an email' }, '10.0.0.1')).toBeNull();

    const customer = await createCustomerRecord();
    const { user: portalUser } = await createCustomerUser(customer.id);
    expect(await signInWithPassword({ email: portalUser.email, password: TEST_PASSWORD }, '10.0.0.1')).toMatchObject({ role: 'CUSTOMER', customerId: customer.id });
  });

  it('refuses deactivated accounts, and their sessions lose access at once', async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    expect(await viewerForUser(user.id)).toMatchObject({ kind: 'staff' });
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, '10.0.0.2')).toBeNull();
    expect(await viewerForUser(user.id)).toEqual({ kind: 'anonymous' });
  });

  it('rate-limits attempts per e-mail address (10 per 15 minutes), even with the right password', async () => {
    const { user } = await createStaff('SERVICE_AGENT');
    for (let i = 0; i < 10; i++) expect(await signInWithPassword({ email: user.email, password: 'bad-guess' }, `10.1.0.${i}`)).toBeNull();
    await expect(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, '10.1.1.1')).rejects.toBeInstanceOf(SignInThrottled);
  });

  it('rate-limits attempts per IP address across accounts (50 per 15 minutes)', async () => {
    for (let i = 0; i < 50; i++) await signInWithPassword({ email: `guess${i}@test.cn`, password: 'x' }, '10.9.9.9');
    await expect(signInWithPassword({ email: 'another@test.cn', password: 'x' }, '10.9.9.9')).rejects.toBeInstanceOf(SignInThrottled);
  });
});
