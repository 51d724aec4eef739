import { coerceInputValue, isInputType, type GraphQLError } from 'graphql';
import { badField } from '@/server/errors';
import { findNul } from './limits/input-hygiene.plugin';
import { buildSchema } from './schema';

/**
 * Parses a JSON query parameter as the named GraphQL input type, with the schema's own coercion: the same enum
 * checks, Date scalar (YYYY-MM-DD → Date), Money scalar and defaults as the GraphQL field taking that type. Download
 * routes (exports, PDF reports) take their filters this way, so a file has exactly the filter its page shows.
 */
export function parseInputParam(param: string, json: string | null, typeName: string): unknown {
  if (json === null || json.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw badField(param, 'common.invalidJson', { param });
  }
  if (value === null) return null;
  // JSON's "\u0000" escape makes a NUL the URL check (checkedSearchParams) cannot see: the same refusal as GraphQL's.
  const nulAt = findNul(value, [param]);
  if (nulAt) throw badField(param, 'common.nulCharacter');
  const type = buildSchema().getType(typeName);
  if (!type || !isInputType(type)) throw new Error(`${typeName} is not an input type of the schema`);
  const problems: string[] = [];
  const coerced: unknown = coerceInputValue(value, type, (path, _invalid, error: GraphQLError) => {
    problems.push(path.length ? `${path.join('.')}: ${error.message}` : error.message);
  });
  // graphql's coercion messages are English only: kept as the `detail` param; the key says which parameter is wrong.
  if (problems.length) throw badField(param, 'common.invalidParam', { param, detail: problems.join('; ') });
  return coerced;
}
