// What our sessions carry (src/server/auth/options.ts, sessions.ts), declared here so every program that reads a
// session token — the app, the benches — sees the same types whichever file it imports first.
import type { Role } from '@/generated/prisma/enums';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; email: string; role: Role; customerId: string | null };
  }
  interface User {
    role: Role;
    customerId: string | null;
    sessionVersion: number;
    /** Set on an OpenID sign-in the app refused (sso.ts): the signIn callback sends the person back to the login page. */
    ssoRefusal?: string;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: Role;
    customerId?: string | null;
    /** The account's sessionVersion at sign-in: the session ends when the account's version moves on (sessions.ts). */
    sv?: number;
  }
}
