import 'server-only';
import type { JWT } from 'next-auth/jwt';
import type { Role } from '@/generated/prisma/enums';
import { invalidate, onInvalidate } from '@/server/cache/invalidation';
import { prisma } from '@/server/db';
import { anonymous, type Viewer } from '@/server/viewer';
import { sharedCache } from '@/server/cache/ttl-cache';
import { isStaffRole } from './policies';

/**
 * Sessions that end. A session is a next-auth JWT (8 hours) carrying the account's `sessionVersion` (`sv`) from the
 * moment of sign-in; every request compares it with the account's current version, so raising the version ends every
 * session issued before. Sign-out raises it here; a change of password, role, customer or active flag raises it in
 * the database (trigger "User_end_sessions"), whichever code path makes the change. The account is read through the
 * shared auth cache (AUTH_CACHE_TTL_MS): whoever changes an account in this process calls `forgetAccount` after the
 * change commits, and other instances see it within the TTL.
 */
type Account = {
  id: string;
  name: string;
  role: Role;
  departmentId: string | null;
  customerId: string | null;
  active: boolean;
  sessionVersion: number;
};

const accounts = () => sharedCache<string, Account | null>('accounts');

function account(userId: string): Promise<Account | null> {
  return accounts().get(userId, () =>
    prisma.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        name: true,
        role: true,
        departmentId: true,
        customerId: true,
        active: true,
        sessionVersion: true,
      },
    }),
  );
}

onInvalidate('account', (userId) => (userId === null ? accounts().deleteWhere(() => true) : accounts().delete(userId)));

/**
 * Drops the cached copy of the account in this process and its sibling server processes: call it after a change to
 * the account has committed.
 */
export function forgetAccount(userId: string): void {
  invalidate('account', userId);
}

/** The account a session token stands for, while the session is still valid: active, and its version current. */
async function validAccount(token: Pick<JWT, 'uid' | 'sv'> | null): Promise<Account | null> {
  if (!token?.uid || typeof token.sv !== 'number') return null;
  const found = await account(token.uid);
  return found && found.active && found.sessionVersion === token.sv ? found : null;
}

export const sessionIsValid = async (token: Pick<JWT, 'uid' | 'sv'> | null) => (await validAccount(token)) !== null;

/** A session token's signed-in person: staff with role and department or a customer account, and their name; null when the session ended. */
export async function sessionFor(
  token: Pick<JWT, 'uid' | 'sv'> | null,
): Promise<{ viewer: Exclude<Viewer, { kind: 'anonymous' | 'apiClient' }>; name: string } | null> {
  const found = await validAccount(token);
  if (!found) return null;
  if (isStaffRole(found.role))
    return {
      viewer: { kind: 'staff', userId: found.id, role: found.role, departmentId: found.departmentId },
      name: found.name,
    };
  return found.customerId
    ? { viewer: { kind: 'customer', userId: found.id, customerId: found.customerId }, name: found.name }
    : null;
}

/** The Viewer for a session token; anonymous when the session ended. */
export const viewerForSession = async (token: Pick<JWT, 'uid' | 'sv'> | null): Promise<Viewer> =>
  (await sessionFor(token))?.viewer ?? anonymous;

/**
 * Sign-out: ends every session of the account (on every device — the version is per account), but only when the
 * token signing out is itself still valid, so an old copied cookie cannot be used to sign its owner out everywhere.
 */
export async function endSessions(token: Pick<JWT, 'uid' | 'sv'> | null): Promise<void> {
  if (!token?.uid || typeof token.sv !== 'number') return;
  await prisma.user.updateMany({
    where: { id: token.uid, sessionVersion: token.sv },
    data: { sessionVersion: { increment: 1 } },
  });
  forgetAccount(token.uid);
}
