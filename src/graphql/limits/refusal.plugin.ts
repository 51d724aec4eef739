import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { englishMessage, type ErrorKey, type ErrorParams } from '@/server/error-keys';
import { allowListed, normalizeFields, type FieldErrorsInput } from '@/server/errors';

export type RefusalCode = 'BAD_USER_INPUT' | 'GRAPHQL_VALIDATION_FAILED' | 'TOO_MANY_REQUESTS';

const STATUS: Record<RefusalCode, number> = {
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  TOO_MANY_REQUESTS: 429,
};

export type RefusalOptions = { params?: ErrorParams; fields?: FieldErrorsInput; retryAfterSeconds?: number };

/**
 * An error a request plugin throws to refuse the whole operation before anything runs, worded like a DomainError: a
 * message key (+ params, field keys) the UI translates, the key's English text as `message` for machine clients, and
 * only the allow-listed extensions (src/server/errors.ts EXTENSION_ALLOW_LIST). `retryAfterSeconds` also sets the
 * Retry-After header. `extensions.http` is how Apollo sets the response status (it removes the key from the error the
 * client sees); without it a refusal thrown from a plugin would answer HTTP 500.
 */
export function refusal(code: RefusalCode, key: ErrorKey, options: RefusalOptions = {}): GraphQLError {
  const { params, fields, retryAfterSeconds } = options;
  const headers: [string, string][] =
    retryAfterSeconds === undefined ? [] : [['retry-after', String(retryAfterSeconds)]];
  return new GraphQLError(englishMessage(key, params), {
    extensions: {
      ...allowListed({
        code,
        key,
        params: params && Object.keys(params).length ? params : undefined,
        fields: fields && normalizeFields(fields),
        retryAfterSeconds,
      }),
      http: { status: STATUS[code], headers: new HeaderMap(headers) },
    },
  });
}
