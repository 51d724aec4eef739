import { useRef, useState } from 'react';
import { isAcceptedExtension, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '@/graphql/interactions/intake.rules';
import { currentErrorTranslator, errorKeyText } from '@/lib/error-text-core';
import type { ErrorParams } from '@/server/error-keys';

/** A file's size for people: KB below a megabyte, MB with one decimal above. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a chosen file cannot be added, checked with the server's own limits before anything is uploaded. */
export type PickProblem = { kind: 'tooMany' } | { kind: 'fileType' | 'tooLarge'; name: string };

/** The files after adding `picked` to `current`, or the first problem (nothing is added then). */
export function addPickedFiles(current: readonly File[], picked: readonly File[]): File[] | PickProblem {
  const next = [...current];
  for (const file of picked) {
    if (next.length >= MAX_ATTACHMENTS) return { kind: 'tooMany' };
    if (!isAcceptedExtension(file.name)) return { kind: 'fileType', name: file.name };
    if (file.size > MAX_ATTACHMENT_BYTES) return { kind: 'tooLarge', name: file.name };
    next.push(file);
  }
  return next;
}

/** A random key for one form's lifetime (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type UploadedFile = { token: string; fileName: string; sizeBytes: number; mimeType: string };

/**
 * Why an upload failed, for the form to word: `rejected` carries the server's refusal as a route error does — code,
 * message key and params (they name the file and the rule) — and its English `message` for logs.
 */
export type UploadFailure = 'tooLarge' | 'rejected' | 'rateLimited' | 'busy' | 'network' | 'unknown';

/** The `error` of a refused upload's body (src/server/http/upload-http.ts): a route error's shape. */
export type UploadRefusal = { code?: string; key?: string; params?: ErrorParams; message?: string };

export class UploadError extends Error {
  constructor(
    readonly kind: UploadFailure,
    readonly fileName: string,
    readonly refusal: UploadRefusal = {},
    readonly retryAfterSeconds = 0,
  ) {
    super(refusal.message ?? '');
  }
}

/**
 * Sends one file to POST /api/uploads as the raw body (the server streams it to disk and checks it as it passes) and
 * resolves with its token for the GraphQL intake. XMLHttpRequest rather than fetch for its upload progress events.
 */
export function uploadFile(file: File, onProgress?: (fraction: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    // Both headers are also what keeps a cross-site form from posting here (the server requires them).
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (event) => {
      // All bytes sent is not yet accepted: the server still checks the end of the file.
      if (event.lengthComputable && event.total > 0) onProgress?.(Math.min(event.loaded / event.total, 0.99));
    };
    xhr.onerror = () => reject(new UploadError('network', file.name));
    xhr.onload = () => {
      let body: { error?: UploadRefusal } & Partial<UploadedFile> = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // Not ours (a proxy's error page): judged by the status alone.
      }
      if (xhr.status === 201 && body.token) {
        onProgress?.(1);
        return resolve(body as UploadedFile);
      }
      const retryAfter = Number(xhr.getResponseHeader('retry-after')) || 0;
      if (xhr.status === 413) return reject(new UploadError('tooLarge', file.name));
      if (xhr.status === 400 && (body.error?.key || body.error?.message))
        return reject(new UploadError('rejected', file.name, body.error));
      if (xhr.status === 429) return reject(new UploadError('rateLimited', file.name, {}, retryAfter));
      if (xhr.status === 503) return reject(new UploadError('busy', file.name, {}, retryAfter));
      reject(new UploadError('unknown', file.name));
    };
    xhr.send(file);
  });
}

/**
 * A form's uploads: each chosen file is sent once, before the submission that names it by token. The token is kept per
 * File for the form's life, so a resubmission after a field error sends the same tokens (the failed submission gave
 * them back); `forget` drops them when the server no longer knows them (used, or older than an hour).
 */
export function useFileUploads() {
  const tokens = useRef(new WeakMap<File, string>());
  const [progress, setProgress] = useState<ReadonlyMap<File, number>>(new Map());

  async function uploadAll(files: readonly File[]): Promise<{ uploadToken: string }[]> {
    return Promise.all(
      files.map(async (file) => {
        const known = tokens.current.get(file);
        if (known) return { uploadToken: known };
        const { token } = await uploadFile(file, (fraction) =>
          setProgress((current) => new Map(current).set(file, fraction)),
        );
        tokens.current.set(file, token);
        return { uploadToken: token };
      }),
    );
  }

  function forget() {
    tokens.current = new WeakMap();
    setProgress(new Map());
  }

  return { uploadAll, progress, forget };
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * One line for the person at the form. A refusal by the server's rules is its message key translated in the viewer's
 * language (errors.json, as GraphQL errors are: src/lib/error-text-core.ts), which names the file and the rule; the
 * English message only when the key is unknown to the bundle and the code has no generic text.
 */
export function uploadErrorMessage(error: UploadError, t: Translate): string {
  switch (error.kind) {
    case 'tooLarge':
      return t('form.fileTooLarge', { name: error.fileName, mb: MAX_ATTACHMENT_BYTES / (1024 * 1024) });
    case 'rejected': {
      const { key, params, code = 'BAD_USER_INPUT' } = error.refusal;
      return errorKeyText(currentErrorTranslator(), key, params, code) ?? error.message;
    }
    case 'rateLimited':
      return t('form.uploadRateLimited', { seconds: error.retryAfterSeconds || 60 });
    case 'busy':
      return t('form.uploadBusy');
    case 'network':
      return t('form.uploadNetwork', { name: error.fileName });
    case 'unknown':
      return t('form.uploadFailed', { name: error.fileName });
  }
}
