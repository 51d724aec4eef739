import { encode } from 'next-auth/jwt';

/**
 * A next-auth session cookie for a user, signed with the test secret as sign-in signs it: route handlers that read
 * the session (viewerFromRequest) are called directly with it, without a browser.
 */
export async function sessionCookie(userId: string): Promise<string> {
  const token = await encode({ token: { uid: userId, sub: userId }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}
