import type { ApolloServerPlugin } from '@apollo/server';
import { SERVICE_RETRY_AFTER_SECONDS } from '@/server/errors';
import type { GraphQLContext } from './context';

/**
 * Errors that are about the moment, not the request, get the HTTP status a client or proxy acts on: 503 with
 * Retry-After when the database is down or out of connections (SERVICE_UNAVAILABLE), 429 with Retry-After for rate
 * limits (TOO_MANY_REQUESTS). Everything else keeps Apollo's status (200 for execution errors, 400 for bad requests).
 */
export const httpStatusPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const codes = (response.body.singleResult.errors ?? []).map((e) => e.extensions);
        const unavailable = codes.find((ext) => ext?.code === 'SERVICE_UNAVAILABLE');
        const limited = codes.find((ext) => ext?.code === 'TOO_MANY_REQUESTS');
        const hit = unavailable ?? limited;
        if (!hit) return;
        response.http.status = unavailable ? 503 : 429;
        const retry = typeof hit.retryAfterSeconds === 'number' ? hit.retryAfterSeconds : SERVICE_RETRY_AFTER_SECONDS;
        response.http.headers.set('retry-after', String(Math.max(1, Math.ceil(retry))));
      },
    };
  },
};
