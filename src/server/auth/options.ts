import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { Role } from '@/generated/prisma/enums';
import { signInWithPassword, SignInThrottled } from './sign-in';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; email: string; role: Role; customerId: string | null };
  }
  interface User {
    role: Role;
    customerId: string | null;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: Role;
    customerId?: string | null;
  }
}

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.['x-forwarded-for'];
  if (typeof forwarded === 'string' && forwarded) return forwarded.split(',')[0]!.trim();
  const real = headers?.['x-real-ip'];
  return typeof real === 'string' && real ? real : 'unknown';
}

export const authOptions: NextAuthOptions = {
  // JWT sessions (the credentials provider requires them); the GraphQL context reloads the user on every request,
  // so a deactivated account loses access at once.
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  secret: process.env.NEXTAUTH_SECRET,
  pages: { signIn: '/console/login' },
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        try {
          const user = await signInWithPassword(credentials, clientIp(req?.headers));
          return user;
        } catch (error) {
          if (error instanceof SignInThrottled) throw new Error('THROTTLED');
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.customerId = user.customerId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = {
          id: token.uid,
          name: token.name ?? '',
          email: token.email ?? '',
          role: token.role,
          customerId: token.customerId ?? null,
        };
      }
      return session;
    },
  },
};
