import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from './db-unavailable';
import { englishMessage, type ErrorKey, type ErrorParams, type FieldError, type FieldErrors } from './error-keys';

export type { ErrorKey, ErrorParams, FieldError, FieldErrors } from './error-keys';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  /** An API key used up its per-minute limit (HTTP 429 with Retry-After). */
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE';

/** A field's problem as a throw site writes it: a bare key, or a key with params. */
export type FieldErrorsInput = Record<string, ErrorKey | FieldError>;

/**
 * Extra facts a client may act on, besides code/key/params/fields: the version a stale write lost to, the workflow
 * state that refused a step, how long to wait. Nothing else leaves the server (see EXTENSION_ALLOW_LIST).
 */
export type ErrorDetails = { currentVersion?: number | null; status?: string; retryAfterSeconds?: number };

/**
 * The one error type services throw. It carries no sentence for the user: `key` (+ `params`) names the message in
 * messages/<locale>/errors.json, which the UI translates; `fields` does the same per form field. `message` is the
 * English text of the key, for machine clients and logs.
 */
export class DomainError extends Error {
  readonly params: ErrorParams;
  readonly fields: FieldErrors | undefined;
  readonly details: ErrorDetails;
  constructor(
    readonly code: ErrorCode,
    readonly key: ErrorKey,
    options: { params?: ErrorParams; fields?: FieldErrorsInput; details?: ErrorDetails } = {},
  ) {
    super(englishMessage(key, options.params));
    this.name = 'DomainError';
    this.params = options.params ?? {};
    this.fields = options.fields && normalizeFields(options.fields);
    this.details = options.details ?? {};
  }
}

export function normalizeFields(fields: FieldErrorsInput): FieldErrors {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, typeof value === 'string' ? { key: value } : value]),
  );
}

/**
 * Invalid input. With only field errors the key defaults to the generic "check the marked fields"; a single field's
 * problem can be given as `badInput(key, { field: key })` so the form marks the field and the banner says the same.
 */
export const badInput = (key: ErrorKey = 'common.invalidInput', fields?: FieldErrorsInput, params?: ErrorParams) =>
  new DomainError('BAD_USER_INPUT', key, { fields, params });
/** One field's problem: the same key for the field and the whole error. */
export const badField = (field: string, key: ErrorKey, params?: ErrorParams) =>
  new DomainError('BAD_USER_INPUT', key, { params, fields: { [field]: { key, ...(params ? { params } : {}) } } });
export const unauthenticated = () => new DomainError('UNAUTHENTICATED', 'common.signInRequired');
export const forbidden = (key: ErrorKey = 'common.notAllowed', params?: ErrorParams) =>
  new DomainError('FORBIDDEN', key, { params });
/** `entity` is the record type's English name ('Customer'); the UI says "not found" in its own words. */
export const notFound = (entity: string) => new DomainError('NOT_FOUND', 'common.notFound', { params: { entity } });
export const tooManyRequests = (retryAfterSeconds: number) =>
  new DomainError('TOO_MANY_REQUESTS', 'common.tooManyRequests', {
    params: { retryAfterSeconds },
    details: { retryAfterSeconds },
  });
/** The database is down or out of connections for now: the client should retry after `retryAfterSeconds`. */
export const serviceUnavailable = (retryAfterSeconds = SERVICE_RETRY_AFTER_SECONDS) =>
  new DomainError('SERVICE_UNAVAILABLE', 'common.serviceUnavailable', { details: { retryAfterSeconds } });
export const SERVICE_RETRY_AFTER_SECONDS = 5;
export const conflict = (key: ErrorKey, details: ErrorDetails = {}, params?: ErrorParams) =>
  new DomainError('CONFLICT', key, { details, params });

/**
 * The only extension keys a client ever sees on any error — a DomainError, a boundary refusal (src/graphql/limits),
 * one of Apollo's own: formatError runs them all through `allowListed` (documented in README "Errors"):
 * code (machine-readable class), key + params (the message to translate), fields (field → {key, params}),
 * requestId (of a masked error: the id the server logged), retryAfterSeconds (429/503), currentVersion and status
 * (a CONFLICT's stale version or refusing workflow state).
 */
export const EXTENSION_ALLOW_LIST = [
  'code',
  'key',
  'params',
  'fields',
  'requestId',
  'retryAfterSeconds',
  'currentVersion',
  'status',
] as const;

/** Only the allow-listed extensions of an error, without undefined ones: what any error may show a client. */
export const allowListed = (extensions: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(extensions).filter(
      ([name, value]) => (EXTENSION_ALLOW_LIST as readonly string[]).includes(name) && value !== undefined,
    ),
  );

/** A DomainError as JSON: what both GraphQL's extensions and a route's `error` body carry. */
export function errorBody(error: DomainError): Record<string, unknown> {
  return allowListed({
    code: error.code,
    key: error.key,
    ...(Object.keys(error.params).length ? { params: error.params } : {}),
    ...(error.fields && Object.keys(error.fields).length ? { fields: error.fields } : {}),
    ...error.details,
  });
}

type GraphQLLike = {
  message: string;
  originalError?: unknown;
  extensions?: Record<string, unknown>;
  path?: readonly (string | number)[];
};

// Duck-typed rather than `instanceof GraphQLError`: Apollo and our code may load different copies of graphql (ESM and
// CommonJS builds), and an instanceof check across them silently fails.
const isGraphQLLike = (e: unknown): e is GraphQLLike =>
  !!e && typeof e === 'object' && 'message' in e && ('extensions' in e || 'originalError' in e);
export const isDomainError = (e: unknown): e is DomainError =>
  e instanceof DomainError || (e instanceof Error && e.name === 'DomainError' && 'code' in e && 'key' in e);

/**
 * Maps a thrown error to what the client may see: a DomainError's allow-listed extensions; the database being down as
 * SERVICE_UNAVAILABLE; anything unexpected masked as INTERNAL_SERVER_ERROR and logged with `requestId` — the request's
 * own id (GraphQLContext.requestId), returned in `extensions.requestId` so a report can be matched to the log line.
 */
export function toGraphQLError(error: unknown, requestId: string): GraphQLError {
  const wrapper = isGraphQLLike(error) ? error : undefined;
  const original = wrapper?.originalError ?? error;
  if (isDomainError(original)) {
    return new GraphQLError(original.message, { path: wrapper?.path, extensions: errorBody(original) });
  }
  // Parse/validation errors carry no original error and are safe as they are; so are our scalars' BAD_USER_INPUT.
  if (
    wrapper &&
    (!wrapper.originalError || (isGraphQLLike(original) && original.extensions?.code === 'BAD_USER_INPUT'))
  ) {
    const source = isGraphQLLike(original) ? original : wrapper;
    return new GraphQLError(source.message, { path: wrapper.path, extensions: allowListed(source.extensions ?? {}) });
  }
  if (isDatabaseUnavailable(original)) {
    const unavailable = serviceUnavailable();
    console.warn(`[graphql] request ${requestId}: database unavailable (${describe(original)})`);
    return new GraphQLError(unavailable.message, {
      path: wrapper?.path,
      extensions: { ...errorBody(unavailable), requestId },
    });
  }
  console.error(`[graphql] request ${requestId} failed:`, original);
  return new GraphQLError(englishMessage('common.internal'), {
    path: wrapper?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', key: 'common.internal', requestId },
  });
}

function describe(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  return [
    typeof e?.code === 'string' ? e.code : null,
    typeof e?.message === 'string' ? e.message.split('\n').at(-1)?.slice(0, 120) : null,
  ]
    .filter(Boolean)
    .join(' ');
}
