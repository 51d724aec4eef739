import { GraphQLError, parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import zh from '../../../messages/zh-CN/errors.json';
import { buildSchema } from '@/graphql/schema';
import { formatError } from '@/graphql/server';
import { englishMessage, isErrorKey, type ErrorKey, type ErrorParams } from '@/server/error-keys';
import { EXTENSION_ALLOW_LIST } from '@/server/errors';
import type { Viewer } from '@/server/viewer';
import { enforceCostLimits, resetCostBudgets } from './cost-limits.plugin';
import { refuseNulCharacters } from './input-hygiene.plugin';
import { refuseIntrospection } from './schema-privacy.plugin';

// The boundary's refusals are worded like a DomainError (README "Errors"): a message key the UI translates, its English
// text as `message`, field problems as keys, and nothing but the allow-listed extensions — no sentence in two
// languages, no `at`, `cost` or `maxCost` beside them.

const schema = buildSchema();
const staff: Viewer = { kind: 'staff', userId: 'u', role: 'ADMIN', departmentId: null };
const customer: Viewer = { kind: 'customer', userId: 'u', customerId: 'c' };

const FAN_OUT = `query($n: Int) { interactions(first: $n) { nodes { customer { interactions { customer { interactions { id } } } } } } }`;
const HEAVY = `query { customers(first: 100) { nodes { id contacts { id } } } }`;

async function refusalOf(work: () => unknown): Promise<GraphQLError> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error('not refused');
}

/** What the client receives: Apollo takes `http` off the extensions (its status and headers), then formatError runs. */
function asClientSees(error: GraphQLError) {
  const { http: _http, ...extensions } = error.extensions;
  return formatError({ message: error.message, extensions }, error);
}

const zhText = (key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], zh);

/** The refusal carries the key (in both bundles), the key's English text as message, allow-listed extensions only. */
function expectWorded(error: GraphQLError, code: string, key: ErrorKey) {
  expect(error.extensions.http).toMatchObject({ status: code === 'TOO_MANY_REQUESTS' ? 429 : 400 });
  const seen = asClientSees(error);
  const extensions = seen.extensions ?? {};
  expect(Object.keys(extensions).every((name) => (EXTENSION_ALLOW_LIST as readonly string[]).includes(name))).toBe(
    true,
  );
  expect(extensions).toMatchObject({ code, key });
  expect(isErrorKey(key)).toBe(true);
  expect(typeof zhText(key)).toBe('string');
  expect(seen.message).toBe(englishMessage(key, extensions.params as ErrorParams | undefined));
  // English for machine clients: no Chinese in the message.
  expect(seen.message).not.toMatch(/[\u4e00-\u9fff]/);
  return { extensions, message: seen.message };
}

afterEach(() => {
  delete process.env.GRAPHQL_STAFF_COST_BUDGET_PER_MINUTE;
  resetCostBudgets();
});

describe('the NUL refusal', () => {
  it('names where the NUL is in params, and the field problem as a key', async () => {
    const error = await refusalOf(() =>
      refuseNulCharacters({ input: { contacts: [{ name: 'a\u0000b' }] } }, parse(`{ __typename }`)),
    );
    const { extensions, message } = expectWorded(error, 'BAD_USER_INPUT', 'query.nulCharacter');
    expect(extensions).toEqual({
      code: 'BAD_USER_INPUT',
      key: 'query.nulCharacter',
      params: { at: 'variables.input.contacts.0.name' },
      fields: { name: { key: 'common.nulCharacter' } },
    });
    expect(message).toBe('Text must not contain the NUL character (U+0000): variables.input.contacts.0.name.');
  });

  it('in a literal of the document: the query itself', async () => {
    const error = await refusalOf(() =>
      refuseNulCharacters({}, parse(`{ customers(filter: { search: "a\\u0000" }) { totalCount } }`)),
    );
    const { extensions } = expectWorded(error, 'BAD_USER_INPUT', 'query.nulCharacter');
    expect(extensions.fields).toEqual({ query: { key: 'common.nulCharacter' } });
  });
});

describe('the introspection refusal', () => {
  it('is a key with its English text', async () => {
    const error = await refusalOf(() =>
      refuseIntrospection({ kind: 'anonymous' }, true, parse(`{ __schema { queryType { name } } }`)),
    );
    const { extensions } = expectWorded(error, 'GRAPHQL_VALIDATION_FAILED', 'query.introspectionNotAllowed');
    expect(extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', key: 'query.introspectionNotAllowed' });
  });
});

describe('the cost refusals', () => {
  const run = (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) =>
    enforceCostLimits({ schema, document: parse(query), variables, viewer, clientIp: null });

  it('over the limit: cost and limit as params, not as extensions of their own', async () => {
    const error = await refusalOf(() => run(staff, FAN_OUT, { n: 100 }));
    const { extensions, message } = expectWorded(error, 'GRAPHQL_VALIDATION_FAILED', 'query.tooExpensive');
    const params = extensions.params as { cost: number; maxCost: number };
    expect(params.maxCost).toBe(25_000);
    expect(params.cost).toBeGreaterThan(25_000);
    expect(Object.keys(extensions).sort()).toEqual(['code', 'key', 'params']);
    expect(message).toMatch(/^Query too expensive: cost \d+ exceeds 25000/);
  });

  it('walking back to a record type (customers)', async () => {
    const error = await refusalOf(() =>
      run(customer, `query { interactions(first: 1) { nodes { customer { interactions { id } } } } }`),
    );
    expectWorded(error, 'GRAPHQL_VALIDATION_FAILED', 'query.returnsToType');
  });

  it('variables that do not fit the operation: graphql’s own words as a param', async () => {
    const error = await refusalOf(() => run(staff, FAN_OUT, { n: 'many' }));
    const { extensions } = expectWorded(error, 'BAD_USER_INPUT', 'query.variablesInvalid');
    expect((extensions.params as { detail: string }).detail).toMatch(/\$n/);
  });

  it('the budget per minute: 429 with retryAfterSeconds (allow-listed) and Retry-After, the cost as a param', async () => {
    process.env.GRAPHQL_STAFF_COST_BUDGET_PER_MINUTE = '5000';
    await run(staff, HEAVY);
    await run(staff, HEAVY);
    const error = await refusalOf(() => run(staff, HEAVY));
    const { extensions } = expectWorded(error, 'TOO_MANY_REQUESTS', 'query.costBudgetSpent');
    expect(extensions.params).toMatchObject({ cost: 2101 });
    expect(extensions.retryAfterSeconds).toBeGreaterThan(0);
    const http = error.extensions.http as { headers: Map<string, string> };
    expect(Number(http.headers.get('retry-after'))).toBe(extensions.retryAfterSeconds);
  });
});

describe('formatError on errors it passes as they are', () => {
  it('keeps their message and code but drops any extension off the allow-list', () => {
    const formatted = formatError(
      {
        message: 'Query too expensive',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: 30_000, maxCost: 25_000, at: 'variables.x' },
      },
      new GraphQLError('Query too expensive'),
    );
    expect(formatted).toEqual({ message: 'Query too expensive', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });
});
