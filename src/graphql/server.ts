import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { toGraphQLError } from '@/server/errors';
import type { GraphQLContext } from './context';
import { httpStatusPlugin } from './http-status.plugin';
import { buildSchema } from './schema';

const CLIENT_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/**
 * Apollo Server with safe defaults: CSRF prevention, no stack traces, unexpected errors masked (logged with an id),
 * and graphql-armor's limits on depth, aliases, tokens, directives and cost.
 */
export function createApolloServer(): ApolloServer<GraphQLContext> {
  const armor = new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 15 },
    // Tokens are limited by graphql-js's own parser (parseOptions below): armor's copy parses in a plugin hook, and a
    // syntax error thrown there became HTTP 500 instead of Apollo's 400.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    costLimit: { maxCost: 5000 },
    blockFieldSuggestion: { enabled: process.env.NODE_ENV === 'production' },
  });
  const protection = armor.protect();
  return new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    csrfPrevention: true,
    // The HTTP server stops Apollo itself, in order (src/server/http/main.ts); Apollo's own signal handlers re-raise the
    // signal after stopping, which raced that order.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: 3000 },
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    introspection: true,
    // Cache control is off: nothing here is cacheable by a CDN, and its per-field hook costs on every request.
    plugins: [...protection.plugins, httpStatusPlugin, ApolloServerPluginCacheControlDisabled()],
    validationRules: [...protection.validationRules],
    formatError: (formatted, error) => {
      // Request errors Apollo has already classified (parse, validation, bad variables) are safe to show as they are.
      const code = formatted.extensions?.code;
      if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return formatted;
      const mapped = toGraphQLError(error, randomUUID());
      return { ...formatted, message: mapped.message, extensions: { ...mapped.extensions } };
    },
  });
}
