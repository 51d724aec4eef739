import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { prisma } from '@/server/db';
import { hashPassword, verifyPassword } from './passwords';
import { isStaffRole } from './policies';
import { beginSignInAttempt, recordSignInFailure, recordSignInSuccess } from './rate-limit';
import type { Role } from '@/generated/prisma/enums';

export type SignedInUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  customerId: string | null;
  sessionVersion: number;
};

const ZCredentials = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

export class SignInThrottled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many sign-in attempts; try again in ${retryAfterSeconds} s`);
  }
}

// A hash of a random password at the cost real hashes have: an unknown or inactive account is compared against it, so
// the answer takes as long as for an account that exists (no telling which e-mail addresses have accounts).
const globalForDummy = globalThis as unknown as { kefuDummyPasswordHash?: Promise<string> };
const dummyHash = () => (globalForDummy.kefuDummyPasswordHash ??= hashPassword(randomBytes(18).toString('base64')));

/**
 * Checks a password sign-in from the client at `address` (null outside the real server: no per-address limits).
 * Rate-limited per address and per (e-mail, address) with a growing delay (rate-limit.ts), never per e-mail alone; the
 * same answer, in the same time, for an unknown account, an inactive one and a wrong password. With
 * `staffPasswords` false (KEFU_STAFF_PASSWORD_SIGNIN=off, staff sign in through the OpenID provider) a staff account is
 * refused like a wrong password; customers keep theirs.
 */
export async function signInWithPassword(
  input: unknown,
  address: string | null,
  staffPasswords = true,
): Promise<SignedInUser | null> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const wait = await beginSignInAttempt(email, address);
  if (wait > 0) throw new SignInThrottled(wait);
  const user = await prisma.user.findUnique({
    where: { email },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      customerId: true,
      active: true,
      passwordHash: true,
      sessionVersion: true,
    },
  });
  const passwordMatches = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await dummyHash()));
  if (
    !user ||
    !passwordMatches ||
    !user.active ||
    (user.role === 'CUSTOMER' && !user.customerId) ||
    (!staffPasswords && isStaffRole(user.role))
  ) {
    await recordSignInFailure(email, address);
    return null;
  }
  await Promise.all([
    recordSignInSuccess(email, address),
    prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } }),
  ]);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    customerId: user.customerId,
    sessionVersion: user.sessionVersion,
  };
}
