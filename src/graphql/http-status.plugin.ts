import type { ApolloServerPlugin } from '@apollo/server';
import { SERVICE_RETRY_AFTER_SECONDS } from '@/server/errors';
import type { GraphQLContext } from './context';

/**
 * Errors that are about the moment, not the request, get the HTTP status a client or proxy acts on: 503 with
 * Retry-After when the database is down or out of connections (SERVICE_UNAVAILABLE), 429 with Retry-After for rate
 * limits (TOO_MANY_REQUESTS). Everything else keeps Apollo's status (200 for execution errors, 400 for bad requests).
 */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
]);

export const httpStatusPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const codes = (response.body.singleResult.errors ?? []).map((e) => e.extensions);
        const unavailable = codes.find((ext) => ext?.code === 'SERVICE_UNAVAILABLE');
        const limited = codes.find((ext) => ext?.code === 'TOO_MANY_REQUESTS');
        const hit = unavailable ?? limited;
        // A request refused before execution (syntax, validation or a limit raised from a plugin hook such as
        // graphql-armor's token limit) is the client's fault: 400, never the 500 Apollo gives a throwing hook.
        if (
          !hit &&
          !('data' in response.body.singleResult) &&
          codes.length > 0 &&
          codes.every((ext) => REQUEST_ERROR_CODES.has(String(ext?.code)))
        ) {
          response.http.status = 400;
          return;
        }
        if (!hit) return;
        response.http.status = unavailable ? 503 : 429;
        const retry = typeof hit.retryAfterSeconds === 'number' ? hit.retryAfterSeconds : SERVICE_RETRY_AFTER_SECONDS;
        response.http.headers.set('retry-after', String(Math.max(1, Math.ceil(retry))));
      },
    };
  },
};
