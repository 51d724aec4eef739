import { describe, expect, it } from 'vitest';
import { registerErrorTranslator, type ErrorTranslator } from '@/lib/error-text-core';
import { GqlError } from '@/lib/graphql-client';
import { fieldErrorsOf, gqlErrorMessage, isGqlError } from './gql-error-message';

const kindOf = (error: unknown) => gqlErrorMessage(error, (kind) => `<${kind}>`);

describe('gqlErrorMessage', () => {
  it('maps known codes to the caller’s message for their kind', () => {
    expect(kindOf(new GqlError('x', 'FORBIDDEN'))).toBe('<forbidden>');
    expect(kindOf(new GqlError('x', 'UNAUTHENTICATED'))).toBe('<unauthenticated>');
    expect(kindOf(new GqlError('x', 'NOT_FOUND'))).toBe('<notFound>');
    expect(kindOf(new GqlError('x', 'CONFLICT'))).toBe('<conflict>');
  });
  it('translates the key of input and other domain errors, or says the code’s generic message', () => {
    const zh: ErrorTranslator = {
      has: (key) =>
        ['customer.contractNoTaken', 'code.BAD_USER_INPUT', 'code.TOO_MANY_REQUESTS', 'validation.tooLong'].includes(
          key,
        ),
      text: (key, params) => `zh:${key}${params ? JSON.stringify(params) : ''}`,
    };
    registerErrorTranslator(zh);
    try {
      expect(kindOf(new GqlError('x', 'BAD_USER_INPUT', {}, { key: 'customer.contractNoTaken' }))).toBe(
        'zh:customer.contractNoTaken',
      );
      expect(kindOf(new GqlError('x', 'TOO_MANY_REQUESTS', {}, { key: 'nope.unknown' }))).toBe(
        'zh:code.TOO_MANY_REQUESTS',
      );
      const input = new GqlError('x', 'BAD_USER_INPUT', { name: { key: 'validation.tooLong', params: { max: 5 } } });
      expect(fieldErrorsOf(input)).toEqual({ name: 'zh:validation.tooLong{"max":5}' });
    } finally {
      registerErrorTranslator(null);
    }
    // Without a registered translator (before the layout mounts): the English bundle.
    expect(kindOf(new GqlError('x', 'BAD_USER_INPUT', {}, { key: 'customer.contractNoTaken' }))).toBe(
      'The contract number already exists.',
    );
  });
  it('says the network is down when fetch() rejects, and something went wrong otherwise', () => {
    expect(kindOf(new TypeError('Failed to fetch'))).toBe('<network>');
    expect(kindOf(new GqlError('服务器内部错误 / Internal server error', 'INTERNAL_SERVER_ERROR'))).toBe('<unknown>');
    expect(kindOf(new Error('boom'))).toBe('<unknown>');
  });
});

describe('isGqlError / fieldErrorsOf', () => {
  it('tells the code and returns field messages of input errors only', () => {
    const input = new GqlError('bad', 'BAD_USER_INPUT', { name: '必填' });
    expect(isGqlError(input, 'BAD_USER_INPUT')).toBe(true);
    expect(isGqlError(input, 'CONFLICT')).toBe(false);
    expect(fieldErrorsOf(input)).toEqual({ name: '必填' });
    expect(fieldErrorsOf(new GqlError('x', 'CONFLICT', { name: 'ignored' }))).toEqual({});
    expect(fieldErrorsOf(new Error('x'))).toEqual({});
  });
});
