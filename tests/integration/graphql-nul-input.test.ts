import fc from 'fast-check';
import {
  astFromValue,
  getNamedType,
  isCompositeType,
  isInputObjectType,
  isListType,
  isNonNullType,
  print,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@/graphql/schema';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { gqlHttp } from '../helpers/graphql-http';
import { sampleValue } from '../helpers/schema-samples';

// Issue 10, item 6: U+0000 in any string input is BAD_USER_INPUT (HTTP 400), refused in one place for every field —
// never INTERNAL_SERVER_ERROR from a service that writes or searches text in PostgreSQL.

const schema = buildSchema();

/** One place a string can go: a root field, one of its arguments, and the path of input fields (and lists) inside it. */
type StringPosition = {
  root: 'Query' | 'Mutation';
  field: GraphQLField<unknown, unknown>;
  arg: string;
  path: string[];
};

function stringPositions(type: GraphQLInputType, path: string[], seen: Set<string>): string[][] {
  const named = getNamedType(type);
  if (named.name === 'String' || named.name === 'ID') return [path];
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  const inner = new Set(seen).add(named.name);
  return Object.values(named.getFields()).flatMap((f) => stringPositions(f.type, [...path, f.name], inner));
}

/** Every String/ID argument and input field the schema takes, at any depth (input objects, lists). */
function allStringPositions(s: GraphQLSchema): StringPosition[] {
  const out: StringPosition[] = [];
  for (const root of ['Query', 'Mutation'] as const) {
    const type = root === 'Query' ? s.getQueryType()! : s.getMutationType()!;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args)
        for (const path of stringPositions(arg.type, [], new Set())) out.push({ root, field, arg: arg.name, path });
    }
  }
  return out;
}

/** A value of `type` that the schema accepts, with `text` at `path` (a list holds one item). */
function planted(type: GraphQLInputType, path: string[], text: string): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [planted(inner.ofType, path, text)];
  if (path.length === 0) return text;
  if (!isInputObjectType(inner)) throw new Error(`cannot descend into ${inner.toString()}`);
  const value = sampleValue(schema, inner) as Record<string, unknown>;
  const [head, ...rest] = path;
  value[head!] = planted(inner.getFields()[head!]!.type, rest, text);
  return value;
}

/** The operation calling the position's field with every required argument, the text planted in its argument. */
function operationFor(position: StringPosition, text: string, asLiteral: boolean) {
  const { root, field, arg } = position;
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const args: string[] = [];
  for (const a of field.args) {
    const isTarget = a.name === arg;
    if (!isTarget && !(isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const value = isTarget ? planted(a.type, position.path, text) : sampleValue(schema, a.type);
    if (isTarget && asLiteral) {
      args.push(`${a.name}: ${print(astFromValue(value, a.type)!)}`);
    } else {
      definitions.push(`$${a.name}: ${a.type.toString()}`);
      args.push(`${a.name}: $${a.name}`);
      variables[a.name] = value;
    }
  }
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${root === 'Query' ? 'query' : 'mutation'} Probe${definitions.length ? `(${definitions.join(', ')})` : ''} { ${field.name}(${args.join(', ')})${selection} }`;
  return { query, variables };
}

const positions = allStringPositions(schema);
const describePosition = (p: StringPosition) => `${p.root}.${p.field.name}(${[p.arg, ...p.path].join('.')})`;

let viewers: Viewer[];

beforeAll(async () => {
  const record = await createCustomerRecord();
  viewers = [(await createStaff('ADMIN')).viewer, (await createCustomerUser(record.id)).viewer, { kind: 'anonymous' }];
});

async function expectRefused(position: StringPosition, text: string, asLiteral: boolean, viewer: Viewer) {
  const { query, variables } = operationFor(position, text, asLiteral);
  const result = await gqlHttp(viewer, { query, variables });
  const codes = (result.errors ?? []).map((e) => e.extensions?.code);
  expect(
    codes,
    `${describePosition(position)} ${asLiteral ? 'literal' : 'variable'}: ${JSON.stringify(result.errors)}`,
  ).toEqual(['BAD_USER_INPUT']);
  expect(result.status).toBe(400);
  expect(result.data).toBeUndefined();
  const error = result.errors?.[0];
  expect(error?.message).toMatch(/^Text must not contain the NUL character \(U\+0000\): (variables\.|query\.$)/);
  expect(error?.extensions?.key).toBe('query.nulCharacter');
  // The field's own problem is a key too (translated in the form), never a sentence.
  expect(Object.values(error?.extensions?.fields ?? {})).toEqual([{ key: 'common.nulCharacter' }]);
}

describe('NUL in any string input', () => {
  it('finds the string arguments and input fields of the schema (nested ones included)', () => {
    const names = positions.map(describePosition);
    expect(positions.length).toBeGreaterThan(200);
    expect(names).toEqual(
      expect.arrayContaining([
        'Query.lookupInteraction(number)',
        'Mutation.submitInteraction(input.subject)',
        'Mutation.submitInteraction(input.attachments.fileName)',
        'Mutation.createCustomer(input.contacts.name)',
        'Mutation.createSurveyTemplate(input.sections.questions.choices.label)',
        'Query.customers(filter.search)',
      ]),
    );
  });

  it('is BAD_USER_INPUT at every position, in a variable and as a literal', async () => {
    for (const position of positions) {
      await expectRefused(position, 'a\u0000b', false, viewers[0]!);
      await expectRefused(position, 'a\u0000b', true, viewers[0]!);
    }
  }, 120_000);

  it('property: NUL anywhere in any text, at any position, from any viewer → BAD_USER_INPUT, never INTERNAL_SERVER_ERROR', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...positions),
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.boolean(),
        fc.nat({ max: 2 }),
        async (position, before, after, asLiteral, who) => {
          await expectRefused(position, `${before}\u0000${after}`, asLiteral, viewers[who]!);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('is refused in a key of an input object too', async () => {
    const key = await gqlHttp(viewers[0]!, {
      query: `query($f: CustomerFilter) { customers(filter: $f) { totalCount } }`,
      variables: { f: { ['na\u0000me']: 'x' } },
    });
    expect(key.status).toBe(400);
    expect(key.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('leaves other control characters and ordinary text alone', async () => {
    const result = await gqlHttp(viewers[0]!, {
      query: `query($f: CustomerFilter) { customers(filter: $f) { totalCount } }`,
      variables: { f: { search: 'tab\there\u0001' } },
    });
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
  });
});
