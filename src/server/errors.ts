import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from './db-unavailable';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

/** The one error type services throw. `fields` carries field-level messages for forms. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, fields?: Record<string, string>) =>
  new DomainError('BAD_USER_INPUT', message, { fields });
export const unauthenticated = () => new DomainError('UNAUTHENTICATED', '请先登录 / Sign-in required');
export const forbidden = (message = '无权执行此操作 / Not allowed') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new DomainError('TOO_MANY_REQUESTS', `请求过于频繁，请 ${retryAfterSeconds} 秒后再试 / Too many requests`, {
    retryAfterSeconds,
  });
/** The database is down or out of connections for now: the client should retry after `retryAfterSeconds`. */
export const serviceUnavailable = (retryAfterSeconds = SERVICE_RETRY_AFTER_SECONDS) =>
  new DomainError('SERVICE_UNAVAILABLE', '服务繁忙，请稍后再试 / Service temporarily unavailable, retry shortly', {
    retryAfterSeconds,
  });
export const SERVICE_RETRY_AFTER_SECONDS = 5;
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('CONFLICT', message, details);

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
const isDomainError = (e: unknown): e is DomainError =>
  e instanceof DomainError || (e instanceof Error && e.name === 'DomainError' && 'code' in e);

/** Maps a thrown error to what the client may see. Unexpected errors are masked and logged with a request id. */
export function toGraphQLError(error: unknown, requestId: string): GraphQLError {
  const wrapper = isGraphQLLike(error) ? error : undefined;
  const original = wrapper?.originalError ?? error;
  if (isDomainError(original)) {
    return new GraphQLError(original.message, {
      path: wrapper?.path,
      extensions: { code: original.code, ...original.details },
    });
  }
  // Parse/validation errors carry no original error and are safe as they are; so are our scalars' BAD_USER_INPUT.
  if (
    wrapper &&
    (!wrapper.originalError || (isGraphQLLike(original) && original.extensions?.code === 'BAD_USER_INPUT'))
  ) {
    const source = isGraphQLLike(original) ? original : wrapper;
    return new GraphQLError(source.message, { path: wrapper.path, extensions: { ...source.extensions } });
  }
  if (isDatabaseUnavailable(original)) {
    const unavailable = serviceUnavailable();
    console.warn(`[graphql] request ${requestId}: database unavailable (${describe(original)})`);
    return new GraphQLError(unavailable.message, {
      path: wrapper?.path,
      extensions: { code: unavailable.code, ...unavailable.details, requestId },
    });
  }
  console.error(`[graphql] request ${requestId} failed:`, original);
  return new GraphQLError('服务器内部错误 / Internal server error', {
    path: wrapper?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  });
}

/** For server pages: a service's NOT_FOUND becomes Next's 404 page; anything else is rethrown. */
export async function orNotFoundPage<T>(work: Promise<T>, notFoundPage: () => never): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFoundPage();
    throw error;
  }
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
