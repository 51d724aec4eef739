import { encode } from 'next-auth/jwt';
import { prisma } from '@/server/db';

/**
 * A next-auth session cookie for a user, signed with the test secret as sign-in signs it (with the account's current
 * session version): route handlers that read the session (viewerFromRequest) are called directly with it.
 */
export async function sessionCookie(userId: string): Promise<string> {
  const { sessionVersion } = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { sessionVersion: true },
  });
  const token = await encode({
    token: { uid: userId, sub: userId, sv: sessionVersion },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return `next-auth.session-token=${token}`;
}
