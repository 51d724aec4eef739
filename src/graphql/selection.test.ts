import { execute, GraphQLObjectType, isObjectType, parse, type GraphQLResolveInfo } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { describe, expect, it } from 'vitest';
import { buildSchema } from './schema';
import { asksFor, selectFromInfo, type SelectionMap } from './selection';
import {
  CONTACT_SELECTION,
  CONTRACT_SELECTION,
  CUSTOMER_SELECTION,
  CONNECTION_NODES,
} from './customers/customer.selection';
import { INTERACTION_SELECTION } from './interactions/interaction.selection';

const MAPS: SelectionMap<string>[] = [CUSTOMER_SELECTION, CONTACT_SELECTION, CONTRACT_SELECTION, INTERACTION_SELECTION];

/**
 * Runs a query against a small schema — `thing` (a Thing) and `page` (a connection of them) — whose root fields hand
 * their resolve info to `probe`; answers what the probe returned for the first of them.
 */
function probing(probe: (field: 'thing' | 'page', info: GraphQLResolveInfo) => unknown) {
  const seen: unknown[] = [];
  const schema = makeExecutableSchema({
    typeDefs: `type Thing { id: ID! version: Int! name: String province: String owner: String related: [String!]! }
      type Page { nodes: [Thing!]! edges: [Edge!]! total: Int! }
      type Edge { node: Thing! }
      type Query { thing: Thing page: Page }`,
    resolvers: {
      Query: {
        thing: (_: unknown, __: unknown, ___: unknown, info: GraphQLResolveInfo) => (
          seen.push(probe('thing', info)),
          { id: '1' }
        ),
        page: (_: unknown, __: unknown, ___: unknown, info: GraphQLResolveInfo) => (
          seen.push(probe('page', info)),
          { nodes: [], edges: [], total: 0 }
        ),
      },
    },
  });
  return (query: string, variableValues: Record<string, unknown> = {}) => {
    seen.length = 0;
    execute({ schema, document: parse(query), variableValues });
    return seen[0];
  };
}

describe('selection maps', () => {
  // A field a map does not know would be read from a column that was never selected: null on screen, silently.
  it.each(MAPS.map((m) => [m.typeName, m] as const))('cover every field of %s', (typeName, map) => {
    const type = buildSchema().getType(typeName);
    expect(isObjectType(type)).toBe(true);
    const columns = new Set<string>(map.columns);
    const uncovered = Object.keys((type as GraphQLObjectType).getFields()).filter(
      (f) => !columns.has(f) && !(f in map.needs),
    );
    expect(uncovered).toEqual([]);
  });
});

describe('selectFromInfo', () => {
  const map: SelectionMap<'id' | 'version' | 'name' | 'ownerId' | 'province'> = {
    typeName: 'Thing',
    columns: ['id', 'version', 'name', 'ownerId', 'province'],
    always: ['id', 'version'],
    needs: { owner: ['ownerId'], related: [] },
  };
  const run = probing((field, info) =>
    field === 'thing' ? selectFromInfo(info, map) : selectFromInfo(info, map, CONNECTION_NODES),
  );

  it('selects the asked columns, the always columns and what computed fields need', () => {
    expect(run('{ thing { name owner related } }')).toEqual({ id: true, version: true, name: true, ownerId: true });
  });
  it('follows fragments, inline fragments and aliases', () => {
    expect(run('{ thing { ...F other: province ... on Thing { name } } } fragment F on Thing { owner }')).toEqual({
      id: true,
      version: true,
      ownerId: true,
      province: true,
      name: true,
    });
  });
  it('honours @skip and @include with variables', () => {
    expect(run('query($s: Boolean!) { thing { name @skip(if: $s) province @include(if: $s) } }', { s: true })).toEqual({
      id: true,
      version: true,
      province: true,
    });
    expect(run('query($s: Boolean!) { thing { name @skip(if: $s) province @include(if: $s) } }', { s: false })).toEqual(
      { id: true, version: true, name: true },
    );
  });
  it('reads the nodes of a connection through nodes and edges', () => {
    expect(run('{ page { total nodes { name } edges { node { province } } } }')).toEqual({
      id: true,
      version: true,
      name: true,
      province: true,
    });
    expect(run('{ page { total } }')).toEqual({ id: true, version: true });
  });
});

describe('asksFor', () => {
  const ROW_OWNER = [
    ['nodes', 'owner'],
    ['edges', 'node', 'owner'],
  ];
  const run = probing((_, info) => asksFor(info, ROW_OWNER));

  it('finds the field below nodes or edges, through fragments and aliases', () => {
    expect(run('{ page { nodes { id owner } } }')).toBe(true);
    expect(run('{ page { edges { node { who: owner } } } }')).toBe(true);
    expect(run('{ page { ...P } } fragment P on Page { nodes { ... on Thing { owner } } }')).toBe(true);
  });
  it('is false where the rows are not asked for it, or skipped', () => {
    expect(run('{ page { total nodes { id } } }')).toBe(false);
    expect(run('{ page { total } }')).toBe(false);
    expect(run('query($s: Boolean!) { page { nodes { id owner @skip(if: $s) } } }', { s: true })).toBe(false);
  });
});
