/**
 * The security headers of every response, in one place: pages and route handlers get them from src/proxy.ts, the
 * GraphQL endpoint from the HTTP server. Runtime-neutral (Web Crypto only), as the proxy and the server both load it.
 */

/** The request header that carries a page's nonce to the renderer (Next reads it from the request's CSP as well). */
export const NONCE_HEADER = 'x-nonce';

export type SecurityHeaderOptions =
  /** An HTML page: its scripts run only with this request's nonce. */
  | { kind: 'page'; nonce: string; https: boolean; dev?: boolean }
  /** Anything else (JSON, files, static assets): nothing in it may run. */
  | { kind: 'resource'; https: boolean };

/** A fresh, unguessable nonce for one page response (128 random bits, base64). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether the request reached us over https: its own socket, or the X-Forwarded-Proto a proxy in front set. A forged
 * "https" on a plain-http request is harmless: browsers ignore HSTS received over http, and only the forger's own
 * response asks to upgrade its requests.
 */
export function requestIsHttps(forwardedProto: string | null | undefined, socketEncrypted = false): boolean {
  return socketEncrypted || forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}

function pagePolicy(nonce: string, https: boolean, dev: boolean): string[] {
  return [
    "default-src 'self'",
    // Next puts the nonce on its own scripts (read from this policy on the request); 'strict-dynamic' lets them load the
    // page's chunks. React's development build needs eval for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Tailwind is one stylesheet from 'self'; Next's inline <style> tags carry the nonce (the dev server injects its
    // own without one). Style attributes — React's style={{…}}, recharts' SVG sizes — cannot carry a nonce and hold no
    // script, so attributes alone are let through.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
}

// Nothing runs, nothing loads, nothing frames it. Two allowances for inline PDFs (handling forms, 8D and monthly
// reports): Chrome shows one in a document of its own governed by this policy, with an <embed> of the file and inline
// styles — forbid those and the viewer stays blank or squeezed. Neither lets a script run.
const RESOURCE_POLICY = [
  "default-src 'none'",
  "object-src 'self'",
  "style-src 'unsafe-inline'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The headers for one response, as header name → value. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const policy =
    options.kind === 'page'
      ? pagePolicy(options.nonce, options.https, options.dev ?? process.env.NODE_ENV === 'development')
      : RESOURCE_POLICY;
  return {
    'Content-Security-Policy': policy.join('; '),
    // frame-ancestors for today's browsers, X-Frame-Options for the ones that predate it.
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // Links carry tokens in their path (/s/<token>): no URL leaves the site in a Referer.
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
