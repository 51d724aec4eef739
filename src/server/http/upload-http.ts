import 'server-only';
import type { WriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { isDatabaseUnavailable, prisma } from '@/server/db';
import { inspectAttachment, MAX_ATTACHMENT_BYTES, type AttachmentInspection } from '@/server/domain-registry';
import { englishMessage, type ErrorKey, type ErrorParams, type FieldErrors } from '@/server/error-keys';
import { allowListed, badField, DomainError, SERVICE_RETRY_AFTER_SECONDS } from '@/server/errors';
import { savePendingUpload, type PendingFileInfo } from '@/server/storage/pending-uploads';
import type { Gate } from './admission';
import { CLIENT_ADDRESS_HEADER } from './client-address';

/**
 * POST /api/uploads — one attachment's bytes as the raw body, ahead of the record it will belong to, so GraphQL bodies
 * stay small (issue "Doors and faults": a body limit before parsing; attachments have their own):
 *
 *   Content-Type: application/octet-stream
 *   X-File-Name: <the file name, URL-encoded>
 *   → 201 { token, fileName, sizeBytes, mimeType, expiresAt }
 *
 * The body is streamed to a pending file, checked as it passes by the intake's own rules (extension, size, content:
 * interaction.rules.ts inspectAttachment), and never held in memory. The token (256 random bits) goes into
 * `AttachmentUpload.uploadToken` of submitInteraction, recordInteraction or addInteractionAttachments within an hour.
 * Refusals: 405 other methods; 415 another content type and 400 without the name header (a cross-site form can send
 * neither, so — as with GraphQL's CSRF prevention — no page elsewhere can post here with the visitor's cookies);
 * 413 over MAX_ATTACHMENT_BYTES by Content-Length or while streaming; 400 BAD_USER_INPUT with `fields.attachments` for
 * a type, name or content the rules refuse; 429 with Retry-After beyond UPLOAD_LIMIT_PER_IP uploads per 15 minutes from
 * one client address (anonymous visitors may upload: the public /submit form does); 503 with Retry-After when too many
 * uploads are under way or the database is unavailable. Every refusal's body is `{ error: { code, key, params?, fields?,
 * message } }`: the message key (+ params naming the file and the rule) the form translates, its English text as
 * `message` for other clients.
 */
export const FILE_NAME_HEADER = 'x-file-name';

const UPLOAD_WINDOW_SECONDS = 15 * 60;
export const uploadLimitPerAddress = () =>
  Number(process.env.UPLOAD_LIMIT_PER_IP) > 0 ? Number(process.env.UPLOAD_LIMIT_PER_IP) : 30;

// Counted in PostgreSQL like the other per-address limits, so every app instance shares the count; on globalThis
// because the process holds two copies of the server modules (Next's bundle and the tsx-loaded server).
const globalForUploads = globalThis as unknown as { kefuUploadLimiter?: RateLimiterPrisma };

function uploadLimiter(): RateLimiterPrisma {
  globalForUploads.kefuUploadLimiter ??= new RateLimiterPrisma({
    storeClient: prisma,
    tableName: 'rateLimit',
    duration: UPLOAD_WINDOW_SECONDS,
    keyPrefix: 'upload_ip',
    points: uploadLimitPerAddress(),
  });
  return globalForUploads.kefuUploadLimiter;
}

/** A refusal's body is a route error's (src/server/http/route.ts): code, key (+ params, fields) and English message. */
type Refusal = {
  status: number;
  code: string;
  key: ErrorKey;
  params?: ErrorParams;
  fields?: FieldErrors;
  headers?: Record<string, string>;
};

const refusalOf = (status: number, error: DomainError, headers?: Record<string, string>): Refusal => ({
  status,
  code: error.code,
  key: error.key,
  params: error.params,
  fields: error.fields,
  headers,
});

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(JSON.stringify(body));
}

const refuse = (res: ServerResponse, refusal: Refusal) =>
  send(
    res,
    refusal.status,
    {
      // What a GraphQL error's extensions carry (the same allow-list), and the key's English text as `message`.
      error: {
        ...allowListed({
          code: refusal.code,
          key: refusal.key,
          params: refusal.params && Object.keys(refusal.params).length ? refusal.params : undefined,
          fields: refusal.fields && Object.keys(refusal.fields).length ? refusal.fields : undefined,
        }),
        message: englishMessage(refusal.key, refusal.params),
      },
    },
    refusal.headers,
  );

const tooLarge = (): Refusal => ({
  status: 413,
  code: 'PAYLOAD_TOO_LARGE',
  key: 'interaction.attachmentTooLarge',
  // Refused unread: the connection is closed so the client stops sending.
  headers: { connection: 'close' },
});

const unavailable = (): Refusal => ({
  status: 503,
  code: 'SERVICE_UNAVAILABLE',
  key: 'common.serviceUnavailable',
  headers: { 'retry-after': String(SERVICE_RETRY_AFTER_SECONDS) },
});

class UploadRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(englishMessage(refusal.key, refusal.params));
  }
}

/** Counts one upload from `address`; the seconds to wait when over the limit, else 0. */
async function retryAfterSeconds(address: string): Promise<number> {
  try {
    await uploadLimiter().consume(address);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}

/**
 * Moves the request body into `file` with backpressure, each chunk checked first: past the size limit or the content
 * rules it stops reading at once (the remainder is never read; the caller answers and closes the connection).
 */
function streamBody(
  req: IncomingMessage,
  file: WriteStream,
  inspection: AttachmentInspection,
): Promise<PendingFileInfo> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const stop = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      try {
        if (inspection.size + chunk.length > MAX_ATTACHMENT_BYTES) throw new UploadRefused(tooLarge());
        inspection.push(chunk);
      } catch (error) {
        return stop(error);
      }
      if (!file.write(chunk)) {
        req.pause();
        file.once('drain', () => settled || req.resume());
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      if (settled) return;
      try {
        inspection.finish();
      } catch (error) {
        return stop(error);
      }
      file.end(() => {
        settled = true;
        resolve({ fileName: inspection.fileName, mimeType: inspection.mimeType, sizeBytes: inspection.size });
      });
    });
    // The client went away (or the request timed out) before the end of the body.
    req.once('close', () => {
      if (!req.complete) stop(new Error('upload aborted by the client'));
    });
    req.once('error', stop);
    file.once('error', stop);
  });
}

export type UploadHttpOptions = {
  /** Uploads streaming at once; beyond it 503 at once (a slow upload holds a file and disk bandwidth, never a connection of the pool). */
  gate: Gate;
};

export function createUploadHttpHandler(options: UploadHttpOptions) {
  return async function handleUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST')
      return refuse(res, {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        key: 'common.usePost',
        headers: { allow: 'POST' },
      });
    const contentType = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
    if (contentType !== 'application/octet-stream') {
      return refuse(res, {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        key: 'interaction.uploadContentType',
      });
    }
    const header = req.headers[FILE_NAME_HEADER];
    let rawName: string | null = null;
    try {
      rawName = typeof header === 'string' && header.trim() ? decodeURIComponent(header).trim() : null;
    } catch {
      rawName = null;
    }
    if (!rawName || rawName.length > 200 || rawName.includes('\0')) {
      return refuse(res, refusalOf(400, badField('attachments', 'interaction.fileNameInvalid')));
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_ATTACHMENT_BYTES) return refuse(res, tooLarge());

    let inspection: AttachmentInspection;
    try {
      inspection = inspectAttachment(rawName);
    } catch (error) {
      if (error instanceof DomainError) return refuse(res, refusalOf(400, error));
      throw error;
    }

    const address = req.headers[CLIENT_ADDRESS_HEADER];
    // The server always sets it from the socket; without it there is no one to count, and no shared bucket either.
    if (typeof address !== 'string' || !address)
      return refuse(res, { status: 400, code: 'BAD_REQUEST', key: 'common.clientAddressUnknown' });

    const release = await options.gate.enter();
    if (!release) return refuse(res, unavailable());
    try {
      const wait = await retryAfterSeconds(address);
      if (wait > 0) {
        return refuse(res, {
          status: 429,
          code: 'TOO_MANY_REQUESTS',
          key: 'common.tooManyRequests',
          params: { retryAfterSeconds: wait },
          headers: { 'retry-after': String(wait) },
        });
      }
      const receipt = await savePendingUpload((file) => streamBody(req, file, inspection));
      send(res, 201, {
        token: receipt.token,
        fileName: receipt.fileName,
        sizeBytes: receipt.sizeBytes,
        mimeType: receipt.mimeType,
        expiresAt: receipt.expiresAt.toISOString(),
      });
    } catch (error) {
      if (error instanceof UploadRefused) return refuse(res, error.refusal);
      if (error instanceof DomainError) {
        // A refused content: stop the rest of the body too.
        return refuse(res, refusalOf(400, error, req.complete ? {} : { connection: 'close' }));
      }
      if (isDatabaseUnavailable(error)) return refuse(res, unavailable());
      if (req.destroyed || !req.complete) {
        // The client left mid-upload: nobody to answer.
        res.destroy();
        return;
      }
      console.error('[uploads] failed:', error);
      return refuse(res, {
        status: 500,
        code: 'INTERNAL_SERVER_ERROR',
        key: 'common.internal',
      });
    } finally {
      release();
    }
  };
}
