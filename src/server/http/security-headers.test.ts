import { describe, expect, it } from 'vitest';
import { createNonce, requestIsHttps, securityHeaders } from './security-headers';

const directives = (policy: string) =>
  Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));

describe('securityHeaders', () => {
  it('a page: scripts only with the nonce, no framing, no eval in production, upgrades and HSTS only over https', () => {
    const headers = securityHeaders({ kind: 'page', nonce: 'abc123', https: false, dev: false });
    const csp = directives(headers['Content-Security-Policy']!);
    expect(csp['script-src']).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp['style-src']).toBe("'self' 'nonce-abc123'");
    expect(csp['style-src-attr']).toBe("'unsafe-inline'");
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(csp['object-src']).toBe("'none'");
    expect(csp).not.toHaveProperty('upgrade-insecure-requests');
    expect(headers).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    });
    expect(headers['Permissions-Policy']).toContain('camera=()');
    expect(headers).not.toHaveProperty('Strict-Transport-Security');

    const secure = securityHeaders({ kind: 'page', nonce: 'abc123', https: true, dev: false });
    expect(secure['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    expect(directives(secure['Content-Security-Policy']!)).toHaveProperty('upgrade-insecure-requests');
  });

  it("development adds 'unsafe-eval' for React's overlays and inline styles for the dev server", () => {
    const csp = directives(
      securityHeaders({ kind: 'page', nonce: 'n', https: false, dev: true })['Content-Security-Policy']!,
    );
    expect(csp['script-src']).toBe("'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(csp['style-src']).toBe("'self' 'unsafe-inline'");
  });

  it('a resource: nothing runs or frames it, the same other headers', () => {
    const headers = securityHeaders({ kind: 'resource', https: true });
    const csp = directives(headers['Content-Security-Policy']!);
    expect(csp['default-src']).toBe("'none'");
    expect(csp).not.toHaveProperty('script-src');
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(headers).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    });
  });
});

describe('createNonce / requestIsHttps', () => {
  it('nonces are 128 random bits, never repeated', () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });

  it('https from the socket or the first X-Forwarded-Proto', () => {
    expect(requestIsHttps(null, true)).toBe(true);
    expect(requestIsHttps('https')).toBe(true);
    expect(requestIsHttps('HTTPS, http')).toBe(true);
    expect(requestIsHttps('http')).toBe(false);
    expect(requestIsHttps(undefined)).toBe(false);
  });
});
