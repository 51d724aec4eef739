import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type FieldsByTypeName, type ResolveTree } from 'graphql-parse-resolve-info';

/**
 * Pay only for what is asked (issue "hold at real scale"): a Prisma `select` built from the fields a GraphQL operation
 * requests, so a list of fifty customers does not read and map thirty columns (searchText among them) per row when the
 * screen shows five. Fragments, aliases and @skip/@include are resolved by graphql-parse-resolve-info.
 *
 * A model's `SelectionMap` says, for each GraphQL field of its type, which columns it needs: a column of the same name
 * by default (when it is one of the model's `columns`), the columns listed in `needs` for computed and relation fields
 * (`owner` needs `ownerId`), nothing for fields resolved from other tables by the row's id. `always` columns are read
 * whatever is asked (the id for loaders and cursors, the version for optimistic locking).
 */
export type SelectionMap<Column extends string> = {
  typeName: string;
  columns: readonly Column[];
  always: readonly Column[];
  needs: Readonly<Record<string, readonly Column[]>>;
};

/** The fields requested of `typeName` somewhere at `path` below the resolved field (e.g. ['nodes'] of a connection). */
function requestedFieldNames(
  tree: ResolveTree,
  typeName: string,
  paths: readonly (readonly string[])[],
): Set<string> | null {
  const names = new Set<string>();
  const walk = (fields: FieldsByTypeName, path: readonly string[]): boolean => {
    const byName = Object.values(fields).flatMap((byAlias) => Object.values(byAlias));
    if (path.length === 0) {
      const own = fields[typeName];
      if (!own) return byName.length === 0;
      for (const field of Object.values(own)) names.add(field.name);
      return true;
    }
    let found = true;
    for (const field of byName)
      if (field.name === path[0]) found = walk(field.fieldsByTypeName, path.slice(1)) && found;
    return found;
  };
  for (const path of paths) if (!walk(tree.fieldsByTypeName, path)) return null;
  return names;
}

// Every row of a list asks with the same paths (a constant): their key is worked out once.
const OWN_FIELDS: readonly (readonly string[])[] = [[]];
const pathKeys = new WeakMap<object, string>();
function pathsKey(paths: readonly (readonly string[])[]): string {
  let key = pathKeys.get(paths);
  if (key === undefined) pathKeys.set(paths, (key = JSON.stringify(paths)));
  return key;
}

/**
 * The Prisma select for the rows a resolver returns, or undefined (select every column) when the selection could not be
 * read — an abstract type, say — so a field is never left unread.
 */
export function selectFromInfo<Column extends string>(
  info: GraphQLResolveInfo,
  map: SelectionMap<Column>,
  paths: readonly (readonly string[])[] = OWN_FIELDS,
): Record<Column, true> | undefined {
  // A field under a list resolves once per row with the same field node and variables: work it out once.
  const byNode = (memo.get(info.variableValues) ??
    memo.set(info.variableValues, new WeakMap()).get(info.variableValues))!;
  const node = info.fieldNodes[0]!;
  const byKey = byNode.get(node) ?? byNode.set(node, new Map()).get(node)!;
  const key = `${map.typeName}:${pathsKey(paths)}`;
  if (byKey.has(key)) return byKey.get(key) as Record<Column, true> | undefined;
  const tree = parseResolveInfo(info) as ResolveTree | null;
  const names = tree ? requestedFieldNames(tree, map.typeName, paths) : null;
  const select = names ? selectFor(names, map) : undefined;
  byKey.set(key, select);
  return select;
}

const memo = new WeakMap<object, WeakMap<object, Map<string, unknown>>>();

/**
 * Whether the operation asks, below this field, for a field at the end of one of `paths` (e.g. `[['nodes',
 * 'customer'], ['edges', 'node', 'customer']]`: a connection's rows' customer), so that a list resolver loads what its
 * rows will need only when they will.
 */
export function asksFor(info: GraphQLResolveInfo, paths: readonly (readonly string[])[]): boolean {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  const has = (fields: FieldsByTypeName, path: readonly string[]): boolean =>
    Object.values(fields)
      .flatMap((byAlias) => Object.values(byAlias))
      .some((field) => field.name === path[0] && (path.length === 1 || has(field.fieldsByTypeName, path.slice(1))));
  return !!tree && paths.some((path) => path.length > 0 && has(tree.fieldsByTypeName, path));
}

/** The select for a set of requested GraphQL field names (exported for tests and non-GraphQL callers). */
export function selectFor<Column extends string>(
  names: Iterable<string>,
  map: SelectionMap<Column>,
): Record<Column, true> {
  const columns = new Set<string>(map.columns);
  const select = {} as Record<Column, true>;
  for (const column of map.always) select[column] = true;
  for (const name of names) {
    const needs = map.needs[name];
    if (needs) for (const column of needs) select[column] = true;
    else if (columns.has(name)) select[name as Column] = true;
  }
  return select;
}
