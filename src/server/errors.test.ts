import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../../messages/en/errors.json';
import zh from '../../messages/zh-CN/errors.json';
import { createContext, type GraphQLContext } from '@/graphql/context';
import { formatError, requestIdPlugin } from '@/graphql/server';
import { anonymous } from '@/server/viewer';
import { englishMessage, zodFieldErrors } from './error-keys';
import {
  badField,
  badInput,
  conflict,
  DomainError,
  EXTENSION_ALLOW_LIST,
  forbidden,
  notFound,
  toGraphQLError,
  tooManyRequests,
} from './errors';
import { z } from 'zod';

afterEach(() => vi.restoreAllMocks());

describe('DomainError', () => {
  it('carries a key, params and field keys, and its English text as the message', () => {
    const error = badField('contractNo', 'customer.contractNoTaken');
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      key: 'customer.contractNoTaken',
      fields: { contractNo: { key: 'customer.contractNoTaken' } },
      message: 'The contract number already exists.',
    });
    expect(tooManyRequests(30)).toMatchObject({ key: 'common.tooManyRequests', params: { retryAfterSeconds: 30 } });
    expect(tooManyRequests(30).message).toBe('Too many requests; try again in 30 seconds.');
    expect(forbidden('common.requiresPermission', { permission: 'customers:write' }).message).toBe(
      'Requires the permission customers:write.',
    );
    expect(notFound('Customer').message).toBe('Customer not found.');
  });

  it('maps zod issues to keys with their limits, or to the key a schema names', () => {
    const schema = z.object({
      name: z.string().trim().min(1).max(5),
      code: z.string().max(3),
      count: z.number().int().min(2),
      postcode: z.string().regex(/^\d{6}$/, { message: 'customer.postcodeInvalid' }),
    });
    const parsed = schema.safeParse({ name: ' ', code: 'abcd', count: 1, postcode: 'x' });
    expect(parsed.success).toBe(false);
    expect(zodFieldErrors(parsed.error!)).toEqual({
      name: { key: 'validation.required', params: { min: 1 } },
      code: { key: 'validation.tooLong', params: { max: 3 } },
      count: { key: 'validation.tooSmall', params: { min: 2 } },
      postcode: { key: 'customer.postcodeInvalid' },
    });
  });
});

describe('toGraphQLError', () => {
  it('lets only the allow-listed extensions of a DomainError through', () => {
    const error = new DomainError('CONFLICT', 'customer.stale', {
      details: { currentVersion: 3, secret: 'x' } as never,
    });
    const mapped = toGraphQLError(error, 'req-1');
    expect(mapped.message).toBe(englishMessage('customer.stale'));
    expect(mapped.extensions).toEqual({ code: 'CONFLICT', key: 'customer.stale', currentVersion: 3 });
    for (const name of Object.keys(mapped.extensions)) expect(EXTENSION_ALLOW_LIST).toContain(name);
  });

  it('sends field errors as keys with params', () => {
    const mapped = toGraphQLError(
      badInput('common.invalidInput', { first: { key: 'validation.tooBig', params: { max: 100 } } }),
      'r',
    );
    expect(mapped.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      key: 'common.invalidInput',
      fields: { first: { key: 'validation.tooBig', params: { max: 100 } } },
    });
  });

  it('masks anything unexpected and logs it under the given request id', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const mapped = toGraphQLError(new Error('db password is hunter2'), 'req-42');
    expect(mapped.message).toBe('Internal server error.');
    expect(mapped.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', key: 'common.internal', requestId: 'req-42' });
    expect(String(log.mock.calls[0]?.[0])).toContain('req-42');
  });
});

describe('formatError through Apollo', () => {
  const schema = makeExecutableSchema({
    typeDefs: 'type Query { boom: String, refused: String }',
    resolvers: {
      Query: {
        boom: () => {
          throw new Error('unexpected');
        },
        refused: () => {
          throw conflict('callback.notPending', { status: 'DONE', currentVersion: 2 });
        },
      },
    },
  });
  const apollo = new ApolloServer<GraphQLContext>({ schema, plugins: [requestIdPlugin], formatError });

  it('puts the request id of the context (the one logged) into a masked error', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const context = createContext(anonymous);
    const response = await apollo.executeOperation({ query: '{ boom }' }, { contextValue: context });
    const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
    expect(errors?.[0]?.extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      key: 'common.internal',
      requestId: context.requestId,
    });
    expect(String(log.mock.calls[0]?.[0])).toContain(context.requestId);
  });

  it('returns a DomainError as code, key and allowed details with an English message', async () => {
    const response = await apollo.executeOperation(
      { query: '{ refused }' },
      { contextValue: createContext(anonymous) },
    );
    const error = response.body.kind === 'single' ? response.body.singleResult.errors?.[0] : undefined;
    expect(error?.message).toBe('This callback task is already done or cancelled.');
    expect(error?.extensions).toEqual({
      code: 'CONFLICT',
      key: 'callback.notPending',
      status: 'DONE',
      currentVersion: 2,
    });
  });
});

describe('the errors bundles', () => {
  const leaves = (node: unknown, prefix = ''): Record<string, string> =>
    Object.assign(
      {},
      ...Object.entries(node as Record<string, unknown>).map(([k, v]) =>
        typeof v === 'string' ? { [prefix + k]: v } : leaves(v, `${prefix}${k}.`),
      ),
    );
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('have the same keys in zh-CN and en (ErrorKey is typed from en, so every key thrown exists in both)', () => {
    expect(Object.keys(leaves(zh)).sort()).toEqual(Object.keys(leaves(en)).sort());
  });

  it('use no {param} in zh-CN that en does not fill (zh-CN may leave one out, e.g. the English entity name)', () => {
    const zhLeaves = leaves(zh);
    for (const [key, text] of Object.entries(leaves(en)))
      for (const name of placeholders(zhLeaves[key]!))
        expect([key, placeholders(text)]).toEqual([key, expect.arrayContaining([name])]);
  });
});
