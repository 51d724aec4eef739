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

/** The decoded next-auth session token a request carries (not yet checked against the account: see sessions.ts). */
export function sessionToken(headers: Headers): Promise<JWT | null> {
  // getToken reads `req.cookies` as a plain object and the rest from `req.headers`: all it needs of a request.
  const req = { headers, cookies: parseCookies(headers.get('cookie')) } as unknown as Parameters<
    typeof getToken
  >[0]['req'];
  return getToken({ req, secret: process.env.NEXTAUTH_SECRET });
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
