import { GqlError } from '@/lib/graphql-client';

type Translate = (key: 'forbidden' | 'notFound' | 'conflict' | 'error') => string;

/**
 * One line for the user from any failure: known codes get the translated common message; input errors keep the
 * server's own message (it names the problem); anything else is the generic "something went wrong".
 */
export function errorMessage(error: unknown, tCommon: Translate): string {
  if (!(error instanceof GqlError)) return tCommon('error');
  switch (error.code) {
    case 'FORBIDDEN':
    case 'UNAUTHENTICATED':
      return tCommon('forbidden');
    case 'NOT_FOUND':
      return tCommon('notFound');
    case 'CONFLICT':
      return tCommon('conflict');
    case 'BAD_USER_INPUT':
      return error.message;
    default:
      return tCommon('error');
  }
}

/** Field messages of a BAD_USER_INPUT error, for the form to show beside each field. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof GqlError && error.code === 'BAD_USER_INPUT' ? error.fields : {};
}
