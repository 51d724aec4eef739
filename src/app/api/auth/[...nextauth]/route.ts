import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth/options';
import { withRoute } from '@/server/http/route';

const nextAuth = NextAuth(authOptions);

/**
 * next-auth's endpoints (sign-in, callback, session, sign-out), wrapped like every route: a request id, anything
 * next-auth lets escape answered as a route error (503 when the database is down), and the short read caches
 * forgotten after a POST (a sign-in writes the account's last login, a sign-out its session version).
 */
const handler = withRoute<{ nextauth: string[] }>('auth', 'none', ({ req, params }) =>
  nextAuth(req, { params: Promise.resolve(params) }),
);

export { handler as GET, handler as POST };
