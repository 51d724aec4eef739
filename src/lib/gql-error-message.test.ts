import { describe, expect, it } from 'vitest';
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
  it('keeps the server’s own message for input and other domain errors', () => {
    expect(kindOf(new GqlError('合同号已存在', 'BAD_USER_INPUT'))).toBe('合同号已存在');
    expect(kindOf(new GqlError('请求过于频繁', 'TOO_MANY_REQUESTS'))).toBe('请求过于频繁');
    expect(kindOf(new GqlError('', 'BAD_USER_INPUT'))).toBe('<unknown>');
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
