import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { allowListed, toGraphQLError } from '@/server/errors';
import type { GraphQLContext } from './context';
import { httpStatusPlugin } from './http-status.plugin';
import { boundaryPlugin } from './limits/boundary.plugin';
import { buildSchema } from './schema';
import { readCachePlugin } from './read-cache.plugin';

const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // The boundary's budget refusal (src/graphql/limits); a service's TOO_MANY_REQUESTS arrives as a DomainError.
  'TOO_MANY_REQUESTS',
]);

/**
 * The request id of each error Apollo met, recorded while the context is at hand: formatError has no context, and the
 * id it puts in `extensions.requestId` must be the one the request logged (GraphQLContext.requestId), not a new one.
 */
const requestIdOfError = new WeakMap<object, string>();
export const requestIdPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart({ contextValue }) {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) requestIdOfError.set(error, contextValue.requestId);
      },
    };
  },
};

/**
 * What a client sees of an error: request errors already classified (Apollo's parse, validation and bad-variable
 * errors, the boundary plugin's refusals) with their message and only the allow-listed extensions; everything else
 * through toGraphQLError (allow-listed extensions; masked and logged with the request id).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code))
    return { ...formatted, extensions: allowListed(formatted.extensions ?? {}) };
  const requestId =
    (typeof error === 'object' && error !== null ? requestIdOfError.get(error) : undefined) ?? randomUUID();
  const mapped = toGraphQLError(error, requestId);
  return { ...formatted, message: mapped.message, extensions: { ...mapped.extensions } };
}

/** Tokens per document: checked by graphql's parser itself, so an over-long query is a syntax error (HTTP 400). */
const MAX_TOKENS = 3000;

/**
 * Apollo Server with safe defaults: CSRF prevention, no stack traces, unexpected errors masked (logged with an id),
 * graphql-armor's validation limits on depth, aliases and directives, and the boundary plugin (src/graphql/limits):
 * cost with variables known, NUL in text, introspection and suggestions by viewer. `production` (default: NODE_ENV)
 * hides the schema from anonymous visitors and customers.
 */
export function createApolloServer(options: { production?: boolean } = {}): ApolloServer<GraphQLContext> {
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const armor = new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    // Replaced by the boundary plugin: armor's cost counts `first` only when written literally, its token limit
    // throws from a hook Apollo answers with HTTP 500, and its suggestion mask applies to every viewer alike.
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  return new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    csrfPrevention: true,
    // The HTTP server stops Apollo itself, in order (src/server/http/main.ts); Apollo's own signal handlers re-raise the
    // signal after stopping, which raced that order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Allowed here and decided per viewer by the boundary plugin (staff and API clients always).
    introspection: true,
    parseOptions: { maxTokens: MAX_TOKENS },
    // Cache control is off: nothing here is cacheable by a CDN, and its per-field hook costs on every request.
    plugins: [
      ...protection.plugins,
      boundaryPlugin({ production }),
      httpStatusPlugin,
      requestIdPlugin,
      readCachePlugin,
      ApolloServerPluginCacheControlDisabled(),
      // No Apollo landing page (its sandbox loads from a CDN, and it would greet anonymous visitors too): staff have
      // the playground on /developers, which is signed-in staff only.
      ApolloServerPluginLandingPageDisabled(),
    ],
    validationRules: [...protection.validationRules],
    formatError,
  });
}
