import { NextResponse, type NextRequest } from 'next/server';
import { createNonce, NONCE_HEADER, requestIsHttps, securityHeaders } from '@/server/http/security-headers';

/**
 * Next 16's proxy (formerly middleware), run for every request Next serves — pages, route handlers, static assets,
 * 404s (no matcher: nothing slips past) — to put the security headers on the response. A page gets a fresh nonce:
 * Next reads it from the policy on the request and puts it on its scripts, which is why every page renders
 * dynamically. Everything else gets the policy under which nothing runs. The GraphQL endpoint, served by the HTTP
 * server itself, applies the same securityHeaders there.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const https = requestIsHttps(request.headers.get('x-forwarded-proto'), request.nextUrl.protocol === 'https:');
  // Route handlers live under /api, Next's assets under /_next, and files (icon.svg, favicon.ico) have an extension.
  const isPage = !pathname.startsWith('/api/') && !pathname.startsWith('/_next/') && !/\.[^/]+$/.test(pathname);
  const forwarded = new Headers(request.headers);
  // A client's own CSP or nonce header must never reach the renderer.
  forwarded.delete('content-security-policy');
  forwarded.delete(NONCE_HEADER);
  let headers: Record<string, string>;
  if (isPage) {
    const nonce = createNonce();
    headers = securityHeaders({ kind: 'page', nonce, https });
    forwarded.set('content-security-policy', headers['Content-Security-Policy']!);
    forwarded.set(NONCE_HEADER, nonce);
  } else {
    headers = securityHeaders({ kind: 'resource', https });
  }
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
