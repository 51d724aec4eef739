import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

export type RefusalCode = 'BAD_USER_INPUT' | 'GRAPHQL_VALIDATION_FAILED' | 'TOO_MANY_REQUESTS';

const STATUS: Record<RefusalCode, number> = {
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  TOO_MANY_REQUESTS: 429,
};

/**
 * An error a request plugin throws to refuse the whole operation before anything runs. `extensions.http` is how
 * Apollo sets the response status (it removes the key from the error the client sees); without it a refusal thrown
 * from a plugin would answer HTTP 500.
 */
export function refusal(
  code: RefusalCode,
  message: string,
  extensions: Record<string, unknown> = {},
  headers: [string, string][] = [],
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...extensions, http: { status: STATUS[code], headers: new HeaderMap(headers) } },
  });
}
