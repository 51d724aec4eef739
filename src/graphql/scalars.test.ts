import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { scalarResolvers } from './scalars';

const { Date: DateScalar, DateTime } = scalarResolvers;
const codeOf = (work: () => unknown) => {
  try {
    work();
    return 'accepted';
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('Date and DateTime accept the years 1–9999 only (PostgreSQL has no year 0)', () => {
  it.each(['0000-01-01', '0000-12-31', '10000-01-01'])(
    'Date %s is BAD_USER_INPUT, as a variable and as a literal',
    (value) => {
      expect(codeOf(() => DateScalar.parseValue(value))).toBe('BAD_USER_INPUT');
      expect(codeOf(() => DateScalar.parseLiteral({ kind: Kind.STRING, value }))).toBe('BAD_USER_INPUT');
    },
  );

  it.each(['0001-01-01', '2026-11-02', '9999-12-31'])('Date %s is accepted', (value) => {
    expect((DateScalar.parseValue(value) as Date).toISOString().slice(0, 10)).toBe(value);
  });

  it.each([
    '0000-06-01T00:00:00Z',
    '0001-01-01T00:00:00+08:00',
    '+010000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '-000001-01-01T00:00:00Z',
  ])('DateTime %s (outside 1–9999 in UTC) is BAD_USER_INPUT', (value) => {
    expect(codeOf(() => DateTime.parseValue(value))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => DateTime.parseLiteral({ kind: Kind.STRING, value }))).toBe('BAD_USER_INPUT');
  });

  it.each(['0001-01-01T00:00:00Z', '2026-11-02T08:30:00.000Z', '9999-12-31T23:59:59.999Z'])(
    'DateTime %s is accepted',
    (value) => {
      expect((DateTime.parseValue(value) as Date).getTime()).toBe(new Date(value).getTime());
    },
  );
});
