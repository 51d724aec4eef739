import 'server-only';
import { getToken, type JWT } from 'next-auth/jwt';
import { anonymous, type Viewer } from '@/server/viewer';
import { viewerForApiKey } from './api-keys';
import { viewerForSession } from './sessions';

/** Name → value of a Cookie header (the first of a repeated name wins, as browsers send the most specific first). */
function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(';') ?? []) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (!name || name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // A malformed value is no session; the other cookies still count.
    }
  }
  return cookies;
}

// Decoding a session token (JWE decryption + key derivation) costs ~230 µs of CPU per request; the same token arrives
// on every request of a session. Decoded tokens are kept by their cookie value until they expire (at most a minute):
// decoding is a pure function of the value and the secret, and whether the session still holds (signed out, role
// changed, account disabled) is checked on every request by viewerForSession against the session version, not here.
// On globalThis: the Next bundle and the custom server may each load this module.
const DECODED_TTL_MS = 60_000;
const DECODED_MAX = 10_000;
type Decoded = { token: JWT | null; until: number };
const globalForTokens = globalThis as unknown as { kefuDecodedSessionTokens?: Map<string, Decoded> };
const decodedTokens = (globalForTokens.kefuDecodedSessionTokens ??= new Map());

// next-auth's names: `next-auth.session-token`, `__Secure-` prefixed over HTTPS, `.0`, `.1` … when chunked.
const isSessionCookie = (name: string) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(name);

/** The decoded next-auth session token a request carries (not yet checked against the account: see sessions.ts). */
export async function sessionToken(headers: Headers): Promise<JWT | null> {
  const cookies = parseCookies(headers.get('cookie'));
  const value = Object.keys(cookies)
    .filter(isSessionCookie)
    .sort()
    .map((name) => `${name}=${cookies[name]}`)
    .join(';');
  if (!value) return null;
  const now = Date.now();
  const cached = decodedTokens.get(value);
  if (cached && cached.until > now) return cached.token;
  // getToken reads `req.cookies` as a plain object and the rest from `req.headers`: all it needs of a request.
  const req = { headers, cookies } as unknown as Parameters<typeof getToken>[0]['req'];
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  const expiresAt = typeof token?.exp === 'number' ? token.exp * 1000 : now + DECODED_TTL_MS;
  if (decodedTokens.size >= DECODED_MAX) decodedTokens.delete(decodedTokens.keys().next().value as string);
  decodedTokens.set(value, { token, until: Math.min(expiresAt, now + DECODED_TTL_MS) });
  return token;
}

/**
 * Who sent this request: an API client (Authorization: Bearer kf_…), a signed-in user (next-auth session cookie whose
 * session has not ended), or nobody. A bearer header that does not name a valid key is treated as unauthenticated,
 * never as the cookie. Takes the request's Fetch headers, so route handlers and the HTTP server share it.
 */
export async function viewerFromRequest(req: { headers: Headers }): Promise<Viewer> {
  const authorization = req.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return (match && (await viewerForApiKey(match[1]!))) || anonymous;
  }
  return viewerForSession(await sessionToken(req.headers));
}
