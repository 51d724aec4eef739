import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context';
import { enforceCostLimits } from './cost-limits.plugin';
import { refuseNulCharacters } from './input-hygiene.plugin';
import { maySeeSchema, refuseIntrospection, withoutSuggestions } from './schema-privacy.plugin';

/**
 * The checks every operation passes once it is parsed and validated and before any resolver runs, in one place and
 * in this order: text hygiene (U+0000), introspection for who may not see the schema, then cost. Each refusal is a
 * client error with its HTTP status (400, or 429 for the budget), never a 500. Errors of viewers who may not see the
 * schema lose their "Did you mean …?" hints.
 */
export function boundaryPlugin(options: { production: boolean }): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request, contextValue }) {
          refuseNulCharacters(request.variables, document);
          refuseIntrospection(contextValue.viewer, options.production, document);
          await enforceCostLimits({
            schema,
            document,
            operationName,
            variables: request.variables,
            viewer: contextValue.viewer,
            clientIp: contextValue.clientIp,
          });
        },
        async didEncounterErrors({ errors, contextValue }) {
          if (maySeeSchema(contextValue.viewer, options.production)) return;
          // The errors are formatted after this hook: rewriting the message here covers parse, validation and
          // variable-coercion errors alike.
          for (const error of errors) error.message = withoutSuggestions(error.message);
        },
      };
    },
  };
}
