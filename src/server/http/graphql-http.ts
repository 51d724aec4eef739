import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import { createContext, type GraphQLContext } from '@/graphql/context';
import { admitApiKey, answerFailed, recordApiKeyUsage, refusalParts } from '@/server/auth/api-key-gate';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { now as clockNow } from '@/server/clock';
import { isDatabaseUnavailable } from '@/server/db';
import { englishMessage, type ErrorKey } from '@/server/error-keys';
import { SERVICE_RETRY_AFTER_SECONDS } from '@/server/errors';
import type { Viewer } from '@/server/viewer';
import type { Gate } from './admission';
import { requestIsHttps, securityHeaders } from './security-headers';

/**
 * POST/GET /api/graphql served by Apollo directly on node:http — not through a Next route handler, which cost about a
 * quarter of every API request's CPU (issue "hold at real scale") and could neither bound the body before parsing it
 * nor tell malformed JSON (400) from a server fault (500).
 */
export type GraphQLHttpOptions = {
  /** Bodies larger than this are refused with 413 before (Content-Length) or while (chunked) they are read. */
  maxBodyBytes: number;
  /**
   * The larger limit for staff and API clients, whose operations may carry a file (the customer import: up to 10 MB
   * as text). Who is asking is known from the headers alone, so a visitor's body is bounded before any of it is read.
   */
  maxStaffBodyBytes: number;
  /** Interactive requests admitted at once; the rest wait within the budget or get 503. */
  gate: Gate;
};

export type ErrorBody = { status: number; code: string; key: ErrorKey; headers?: Record<string, string> };

/** The response headers every answer of the endpoint carries (src/server/http/security-headers.ts). */
function setSecurityHeaders(req: IncomingMessage, res: ServerResponse) {
  const https = requestIsHttps(
    req.headers['x-forwarded-proto'] as string | undefined,
    (req.socket as { encrypted?: boolean }).encrypted === true,
  );
  for (const [name, value] of Object.entries(securityHeaders({ kind: 'resource', https }))) res.setHeader(name, value);
}

function sendError(res: ServerResponse, error: ErrorBody): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = error.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  res.end(
    JSON.stringify({
      errors: [{ message: englishMessage(error.key), extensions: { code: error.code, key: error.key } }],
    }),
  );
}

export const unavailableBody = (): ErrorBody => ({
  status: 503,
  code: 'SERVICE_UNAVAILABLE',
  key: 'common.serviceUnavailable',
  headers: { 'retry-after': String(SERVICE_RETRY_AFTER_SECONDS) },
});

class BodyTooLarge extends Error {}

/** Reads the request body up to `limit` bytes; rejects with BodyTooLarge (and stops reading) beyond it. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The viewer for a node request: the same resolution as everywhere else (API key or next-auth session cookie), fed the
 * two headers it reads. An API key passes its gate first (expiry, rotation overlap, per-key rate limit): a refusal is
 * answered here; an admitted key's calls are counted in its daily usage.
 */
async function viewerOf(
  req: IncomingMessage,
): Promise<{ viewer: Viewer; apiKeyId: string | null } | ReturnType<typeof refusalParts>> {
  const headers = new Headers();
  if (req.headers.authorization) headers.set('authorization', req.headers.authorization);
  if (req.headers.cookie) headers.set('cookie', req.headers.cookie);
  const admission = await admitApiKey(headers);
  if (admission.kind === 'refused') return refusalParts(admission);
  if (admission.kind === 'admitted') return { viewer: admission.viewer, apiKeyId: admission.viewer.apiKeyId };
  return { viewer: await viewerFromRequest({ headers }), apiKeyId: null };
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const map = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) map.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}

export function createGraphQLHttpHandler(apollo: ApolloServer<GraphQLContext>, options: GraphQLHttpOptions) {
  return async function handleGraphQL(
    req: IncomingMessage,
    res: ServerResponse,
    clientAddress: string | null,
  ): Promise<void> {
    setSecurityHeaders(req, res);
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'POST') {
      return sendError(res, {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        key: 'common.methodNotAllowed',
        headers: { allow: 'GET, POST' },
      });
    }
    let viewer: Viewer;
    let apiKeyId: string | null;
    try {
      const resolved = await viewerOf(req);
      if (!('viewer' in resolved)) {
        res.statusCode = resolved.status;
        for (const [name, value] of Object.entries(resolved.headers)) res.setHeader(name, value);
        res.end(resolved.body);
        return;
      }
      ({ viewer, apiKeyId } = resolved);
    } catch (error) {
      if (isDatabaseUnavailable(error)) return sendError(res, unavailableBody());
      throw error;
    }
    let body: unknown;
    if (method === 'POST') {
      const limit =
        viewer.kind === 'staff' || viewer.kind === 'apiClient' ? options.maxStaffBodyBytes : options.maxBodyBytes;
      const tooLarge: ErrorBody = { status: 413, code: 'PAYLOAD_TOO_LARGE', key: 'common.bodyTooLarge' };
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) {
        // Refused unread; the connection is closed so the client stops sending.
        res.setHeader('connection', 'close');
        return sendError(res, tooLarge);
      }
      let text: string;
      try {
        text = await readBody(req, limit);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.setHeader('connection', 'close');
          return sendError(res, tooLarge);
        }
        return sendError(res, { status: 400, code: 'BAD_REQUEST', key: 'common.bodyUnreadable' });
      }
      const contentType = req.headers['content-type'] ?? '';
      if (contentType.includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          return sendError(res, { status: 400, code: 'BAD_REQUEST', key: 'common.malformedJson' });
        }
      } else {
        body = text;
      }
    }

    const release = await options.gate.enter();
    if (!release) return sendError(res, unavailableBody());
    try {
      const url = req.url ?? '/';
      const queryStart = url.indexOf('?');
      const httpGraphQLRequest: HTTPGraphQLRequest = {
        method,
        headers: toHeaderMap(req),
        search: queryStart >= 0 ? url.slice(queryStart) : '',
        body,
      };
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: async () => createContext(viewer, clockNow, clientAddress),
      });
      res.statusCode = response.status ?? 200;
      for (const [name, value] of response.headers) res.setHeader(name, value);
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        if (apiKeyId) recordApiKeyUsage(apiKeyId, answerFailed(res.statusCode, response.body.string));
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } finally {
      release();
    }
  };
}
