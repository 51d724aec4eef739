import { GraphQLError } from 'graphql';

export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

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

export const badInput = (message: string, fields?: Record<string, string>) => new DomainError('BAD_USER_INPUT', message, { fields });
export const unauthenticated = () => new DomainError('UNAUTHENTICATED', '请先登录 / Sign-in required');
export const forbidden = (message = '无权执行此操作 / Not allowed') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string, details: Record<string, unknown> = {}) => new DomainError('CONFLICT', message, details);

/** Maps a thrown error to what the client may see. Unexpected errors are masked and logged with a request id. */
export function toGraphQLError(error: unknown, requestId: string): GraphQLError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof DomainError) {
    const src = error instanceof GraphQLError ? error : undefined;
    return new GraphQLError(original.message, {
      path: src?.path,
      nodes: src?.nodes,
      extensions: { code: original.code, ...original.details },
    });
  }
  if (error instanceof GraphQLError && !error.originalError) return error; // parse/validation errors: safe as they are
  console.error(`[graphql] request ${requestId} failed:`, original);
  return new GraphQLError('服务器内部错误 / Internal server error', {
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  });
}
