import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth/options';
import {
  CLIENT_ADDRESS_HEADER,
  resolveClientAddress,
  type TrustedProxies,
  parseTrustedProxies,
} from '@/server/http/client-address';

// next-auth warns without it; the value is what `npm start` sets for a local server.
process.env.NEXTAUTH_URL ??= 'http://localhost:3000';

/** Where a request comes from: the TCP peer, what it claims in X-Forwarded-For, and which proxies the server trusts. */
export type Origin = { socket: string; forwardedFor?: string; trusted?: TrustedProxies };

/**
 * The headers the app sees for a request from `origin`, as the HTTP server sets them: any incoming x-kefu-client-ip
 * dropped (a client may send one), then set from the socket address and X-Forwarded-For by resolveClientAddress.
 */
export function serverHeaders(origin: Origin, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { host: 'localhost:3000', ...extra };
  delete headers[CLIENT_ADDRESS_HEADER];
  if (origin.forwardedFor) headers['x-forwarded-for'] = origin.forwardedFor;
  const address = resolveClientAddress(
    origin.socket,
    origin.forwardedFor,
    origin.trusted ?? parseTrustedProxies(undefined),
  );
  if (address) headers[CLIENT_ADDRESS_HEADER] = address;
  return headers;
}

type Reply = { status: number; headers: Record<string, string | string[]>; body: unknown };

// next-auth's own HTTP handler, the one NextAuth(options) returns (its Node request/response form: Next's App Router
// form needs Next's request scope, which a test does not have; both run the same core).
const handler = NextAuth(authOptions);

/**
 * A browser talking to next-auth's real endpoints (csrf, callback/credentials, session, signout), keeping its cookies.
 */
export class AuthBrowser {
  readonly cookies = new Map<string, string>();

  constructor(readonly origin: Origin) {}

  async request(
    path: string,
    init: { method?: 'GET' | 'POST'; body?: Record<string, string>; query?: Record<string, string> } = {},
  ): Promise<Reply> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const reply: Reply = { status: 200, headers: {}, body: undefined };
    const res = {
      status(code: number) {
        reply.status = code;
        return res;
      },
      getHeader: (name: string) => reply.headers[name.toLowerCase()],
      setHeader(name: string, value: string | string[]) {
        reply.headers[name.toLowerCase()] = value;
        return res;
      },
      json: (body: unknown) => void (reply.body = body),
      send: (body: unknown) => void (reply.body = body),
      end: () => undefined,
    };
    const req = {
      method: init.method ?? 'GET',
      query: { ...init.query, nextauth: path.split('/') },
      body: init.body,
      cookies: Object.fromEntries(this.cookies),
      headers: serverHeaders(this.origin, cookie ? { cookie } : {}),
    };
    await handler(req as never, res as never);
    const setCookies = reply.headers['set-cookie'] ?? [];
    for (const line of Array.isArray(setCookies) ? setCookies : [setCookies]) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, at), decodeURIComponent(pair!.slice(at + 1))];
      if (value === '' || /;\s*Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return reply;
  }

  private async csrfToken(): Promise<string> {
    return ((await this.request('csrf')).body as { csrfToken: string }).csrfToken;
  }

  /** Signs in with a password as the sign-in form does: 'ok', or next-auth's error (CredentialsSignin, THROTTLED). */
  async signIn(email: string, password: string): Promise<string> {
    const csrfToken = await this.csrfToken();
    const reply = await this.request('callback/credentials', {
      method: 'POST',
      body: { email, password, csrfToken, callbackUrl: '/console', json: 'true' },
    });
    const url = new URL((reply.body as { url: string }).url, 'http://localhost');
    return url.searchParams.get('error') ?? 'ok';
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.request('signout', { method: 'POST', body: { csrfToken, callbackUrl: '/console/login', json: 'true' } });
  }

  /** What useSession() would get: the session's user, or null. */
  async session(): Promise<{ id: string } | null> {
    const body = (await this.request('session')).body as { user?: { id: string } } | undefined;
    return body?.user ?? null;
  }

  /** The session cookie as a header value, to copy it elsewhere (null when signed out). */
  get sessionCookie(): string | null {
    const value = this.cookies.get('next-auth.session-token');
    return value ? `next-auth.session-token=${value}` : null;
  }
}
