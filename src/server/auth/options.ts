import 'server-only';
import type { NextAuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { clientAddressFrom } from '@/server/http/client-address';
import { endSessions, sessionIsValid } from './sessions';
import { signInWithPassword, SignInThrottled } from './sign-in';
import { authConfig } from './auth-config';
import { signInWithSso } from './sso';
import type { SsoConfig } from './sso-config';

/** The id of the OpenID Connect provider in next-auth (`/api/auth/signin/oidc`, callback `/api/auth/callback/oidc`). */
export const SSO_PROVIDER_ID = 'oidc';

/**
 * Staff single sign-on (KEFU_OIDC_*, sso-config.ts): authorization code flow with PKCE and state, the ID token
 * verified by next-auth against the issuer's keys. The profile step signs the person in (sso.ts) and hands the jwt
 * callback the same user a password sign-in does, so the session is the same kind; a refusal travels to the signIn
 * callback, which sends the person back to the console login with the reason.
 */
function ssoProvider(config: SsoConfig): OAuthConfig<Record<string, unknown>> {
  return {
    id: SSO_PROVIDER_ID,
    name: 'SSO',
    type: 'oauth',
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    idToken: true,
    checks: ['pkce', 'state'],
    async profile(claims): Promise<User> {
      // The mapping and provisioning as configured now (the issuer and client are fixed when the provider is built).
      const outcome = await signInWithSso(authConfig().sso ?? config, claims);
      if ('user' in outcome) return outcome.user;
      // Never a session: the signIn callback turns it away (next-auth insists on an id).
      return {
        id: `refused:${String(claims.sub)}`,
        role: 'CUSTOMER',
        customerId: null,
        sessionVersion: -1,
        ssoRefusal: outcome.refused,
      };
    },
  };
}

function ssoProviders() {
  const { sso } = authConfig();
  return sso ? [ssoProvider(sso)] : [];
}

/** Thrown by the jwt callback for a session that ended; next-auth then clears the cookie and answers "no session". */
class SessionEnded extends Error {
  constructor() {
    super('Session ended (signed out, deactivated, or password/role changed)');
  }
}

export const authOptions: NextAuthOptions = {
  // JWT sessions (the credentials provider requires them), ended server-side by the account's session version: every
  // request compares it (request-viewer.ts, session.ts, and the jwt callback below for next-auth's own endpoints).
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  secret: process.env.NEXTAUTH_SECRET,
  pages: { signIn: '/console/login' },
  providers: [
    ...ssoProviders(),
    CredentialsProvider({
      id: 'credentials',
      name: 'Password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        try {
          return await signInWithPassword(
            credentials,
            clientAddressFrom(req?.headers),
            authConfig().staffPasswordSignIn,
          );
        } catch (error) {
          if (error instanceof SignInThrottled) throw new Error('THROTTLED');
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    signIn({ user }) {
      return user.ssoRefusal ? `/console/login?sso=${encodeURIComponent(user.ssoRefusal)}` : true;
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.customerId = user.customerId;
        token.sv = user.sessionVersion;
      } else if (!(await sessionIsValid(token))) {
        throw new SessionEnded();
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
  events: {
    // next-auth's sign-out endpoint decodes the cookie and calls this before clearing it: the version moves on, so a
    // copy of the cookie taken before no longer works anywhere.
    async signOut({ token }) {
      await endSessions(token);
    },
  },
  logger: {
    error(code, metadata) {
      if (metadata instanceof SessionEnded) return; // an ended session is expected, not a server error
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
};
