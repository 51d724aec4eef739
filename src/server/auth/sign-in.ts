import { z } from 'zod';
import { prisma } from '@/server/db';
import { verifyPassword } from './passwords';
import { consumeSignInAttempt, resetSignInAttempts } from './rate-limit';
import type { Role } from '@/generated/prisma/enums';

export type SignedInUser = { id: string; name: string; email: string; role: Role; customerId: string | null };

const ZCredentials = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

export class SignInThrottled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many sign-in attempts; try again in ${retryAfterSeconds} s`);
  }
}

/** Checks a password sign-in. Rate-limited per e-mail and per IP; the same answer for unknown user and bad password. */
export async function signInWithPassword(input: unknown, ip: string): Promise<SignedInUser | null> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const wait = await consumeSignInAttempt(email, ip);
  if (wait > 0) throw new SignInThrottled(wait);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, role: true, customerId: true, active: true, passwordHash: true },
  });
  if (!user || !user.active || !(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  if (user.role === 'CUSTOMER' && !user.customerId) return null;
  await Promise.all([
    resetSignInAttempts(email),
    prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } }),
  ]);
  return { id: user.id, name: user.name, email: user.email, role: user.role, customerId: user.customerId };
}
