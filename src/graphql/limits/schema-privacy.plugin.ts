import { Kind, visit, type DocumentNode } from 'graphql';
import type { Viewer } from '@/server/viewer';
import { refusal } from './refusal.plugin';

/**
 * Who may see the schema's shape: staff (the console's developers and admins) and API clients (their integrations are
 * written against it) always; anonymous visitors and portal customers only outside production. Neither introspection
 * nor the "Did you mean …?" hints of error messages are a door into data, but both hand a prober the map of every
 * field and argument (issue 10).
 */
export const maySeeSchema = (viewer: Viewer, production: boolean) =>
  !production || viewer.kind === 'staff' || viewer.kind === 'apiClient';

const asksForSchema = (document: DocumentNode): boolean => {
  let found = false;
  visit(document, {
    [Kind.FIELD]: (node) => {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
};

/** GRAPHQL_VALIDATION_FAILED (HTTP 400) for `__schema` / `__type` from a viewer who may not see the schema. */
export function refuseIntrospection(viewer: Viewer, production: boolean, document: DocumentNode): void {
  if (maySeeSchema(viewer, production) || !asksForSchema(document)) return;
  throw refusal('GRAPHQL_VALIDATION_FAILED', 'query.introspectionNotAllowed');
}

// graphql-js words its hints "Did you mean "x"?", "Did you mean "x" or "y"?", "Did you mean the enum value "X"?",
// "Did you mean to use an inline fragment on "T"?".
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The message without its suggestions of field, argument, type and enum names. */
export const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '');
