import 'server-only';
import { randomUUID } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { requirePermission, type Permission } from '@/server/auth/policies';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { forgetReads } from '@/server/cache/read-cache';
import { isDatabaseUnavailable } from '@/server/db';
import { englishMessage } from '@/server/error-keys';
import {
  DomainError,
  errorBody,
  isDomainError,
  SERVICE_RETRY_AFTER_SECONDS,
  serviceUnavailable,
  type ErrorCode,
} from '@/server/errors';
import { anonymous, type Viewer } from '@/server/viewer';

/** The HTTP status of each DomainError code, for route handlers (GraphQL answers 200 with the code in extensions). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * Who may call the route: a permission (the viewer is resolved from the session cookie or API key and must hold it),
 * 'viewer' (resolved, checked by the service), or 'none' (not resolved: the viewer is anonymous).
 */
export type RouteAuth = Permission | 'viewer' | 'none';

export type RouteContext<P> = { req: NextRequest; viewer: Viewer; params: P; requestId: string };

/** The JSON error every route answers with: `{ error: { code, key, params?, fields?, message, requestId } }`. */
export function routeError(error: DomainError | null, requestId: string): Response {
  const domain = error ?? new DomainError('BAD_USER_INPUT', 'common.internal');
  const status = error ? HTTP_STATUS[error.code] : 500;
  const body = error
    ? { ...errorBody(error), message: error.message, requestId }
    : { code: 'INTERNAL_SERVER_ERROR', key: domain.key, message: englishMessage('common.internal'), requestId };
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'X-Request-Id': requestId };
  if (
    error &&
    (error.code === 'SERVICE_UNAVAILABLE' || error.code === 'TOO_MANY_REQUESTS' || error.code === 'RATE_LIMITED')
  )
    headers['Retry-After'] = String(error.details.retryAfterSeconds ?? SERVICE_RETRY_AFTER_SECONDS);
  return Response.json({ error: body }, { status, headers });
}

/**
 * One wrapper for every Next route handler under src/app/api: resolves and checks the viewer (`auth`), gives the
 * handler a request id, and maps whatever it throws to JSON with the HTTP status of its code — a DomainError as
 * code + key (+ params, fields), the database being down as 503 with Retry-After, anything else logged under `label`
 * with the request id and masked as 500.
 */
export function withRoute<P = Record<string, never>>(
  label: string,
  auth: RouteAuth,
  handler: (context: RouteContext<P>) => Promise<Response>,
): (req: NextRequest, segment?: { params: Promise<P> }) => Promise<Response> {
  return async (req, segment) => {
    const requestId = randomUUID();
    try {
      const viewer = auth === 'none' ? anonymous : await viewerFromRequest(req);
      if (auth !== 'none' && auth !== 'viewer') requirePermission(viewer, auth);
      const params = (await segment?.params) ?? ({} as P);
      return await handler({ req, viewer, params, requestId });
    } catch (error) {
      if (isDomainError(error)) return routeError(error, requestId);
      if (isDatabaseUnavailable(error)) {
        console.warn(`[${label}] request ${requestId}: database unavailable`);
        return routeError(serviceUnavailable(), requestId);
      }
      console.error(`[${label}] request ${requestId} failed:`, error);
      return routeError(null, requestId);
    } finally {
      // A route that may have written (uploads, the test clock, sign-in…): the short read caches no longer hold.
      if (req.method !== 'GET' && req.method !== 'HEAD') forgetReads();
    }
  };
}
