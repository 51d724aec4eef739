import { currentErrorTranslator, errorKeyText } from '@/lib/error-text-core';
import { GqlError } from '@/lib/graphql-client';

/** What went wrong, as far as the person in front of the screen is concerned. */
export type GqlErrorKind = 'forbidden' | 'unauthenticated' | 'notFound' | 'conflict' | 'network' | 'unknown';

/**
 * One line for the user from any failure of a GraphQL call. Known codes get the caller's translated message for
 * their kind (each screen words them for its own records). Other codes (BAD_USER_INPUT, TOO_MANY_REQUESTS,
 * SERVICE_UNAVAILABLE, any newer DomainError code) are the error's message key translated in the viewer's language
 * (src/lib/error-text.ts; the code's generic message when the key is unknown). INTERNAL_SERVER_ERROR is masked by the
 * server (src/server/errors.ts), so it becomes the generic "something went wrong"; a fetch() that rejects with a
 * TypeError means the network or the server is down.
 */
export function gqlErrorMessage(error: unknown, messageFor: (kind: GqlErrorKind) => string): string {
  if (error instanceof GqlError) {
    switch (error.code) {
      case 'FORBIDDEN':
        return messageFor('forbidden');
      case 'UNAUTHENTICATED':
        return messageFor('unauthenticated');
      case 'NOT_FOUND':
        return messageFor('notFound');
      case 'CONFLICT':
        return messageFor('conflict');
      case 'INTERNAL_SERVER_ERROR':
        return messageFor('unknown');
      default:
        return (
          errorKeyText(currentErrorTranslator(), error.key, error.params, error.code) ||
          error.message ||
          messageFor('unknown')
        );
    }
  }
  if (error instanceof TypeError) return messageFor('network');
  return messageFor('unknown');
}

export const isGqlError = (error: unknown, code: string): error is GqlError =>
  error instanceof GqlError && error.code === code;

/** Field messages of a BAD_USER_INPUT error in the viewer's language, for a form to show beside each field. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return isGqlError(error, 'BAD_USER_INPUT') ? error.fields : {};
}
