import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const bad = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

function literalString(ast: ValueNode, name: string): string {
  if (ast.kind !== Kind.STRING) throw bad(`${name} must be a string`);
  return ast.value;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// PostgreSQL has no year 0 (it would be 1 BC) and JavaScript dates reach year 275760: anything outside years
// 1–9999 passed the scalar and then failed in the database as an internal error (issue 10). The same range as
// ISO 8601's four-digit year.
const MIN_YEAR = 1;
const MAX_YEAR = 9999;
const inYearRange = (date: Date) => date.getUTCFullYear() >= MIN_YEAR && date.getUTCFullYear() <= MAX_YEAR;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw bad('DateTime must be an ISO 8601 string');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw bad(`Invalid DateTime: ${value}`);
  if (!inYearRange(date)) throw bad(`DateTime must lie in the years ${MIN_YEAR}–${MAX_YEAR} (UTC): ${value}`);
  return date;
}

function parseDate(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) throw bad('Date must be YYYY-MM-DD');
  const date = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw bad(`Invalid Date: ${value}`);
  if (!inYearRange(date)) throw bad(`Date must lie in the years ${MIN_YEAR}–${MAX_YEAR}: ${value}`);
  return date;
}

/** Money travels as a decimal string so no float ever touches an amount. At most 12 integer digits, 2 decimals. */
const MONEY = /^-?\d{1,12}(\.\d{1,2})?$/;
function parseMoney(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !MONEY.test(text)) throw bad('Money must be a decimal string such as "12800.00"');
  return text;
}

export const scalarResolvers = {
  DateTime: new GraphQLScalarType<Date, string>({
    name: 'DateTime',
    serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
    parseValue: parseDateTime,
    parseLiteral: (ast) => parseDateTime(literalString(ast, 'DateTime')),
  }),
  Date: new GraphQLScalarType<Date, string>({
    name: 'Date',
    serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString().slice(0, 10),
    parseValue: parseDate,
    parseLiteral: (ast) => parseDate(literalString(ast, 'Date')),
  }),
  Money: new GraphQLScalarType<string, string>({
    name: 'Money',
    // Prisma returns Decimal; toFixed(2) keeps exactly two places.
    serialize: (value) => {
      if (value && typeof value === 'object' && 'toFixed' in value)
        return (value as { toFixed: (n: number) => string }).toFixed(2);
      return Number(parseMoney(value)).toFixed(2);
    },
    parseValue: parseMoney,
    parseLiteral: (ast) => {
      if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseMoney(ast.value);
      throw bad('Money must be a decimal string');
    },
  }),
  JSON: new GraphQLScalarType<unknown, unknown>({
    name: 'JSON',
    serialize: (value) => value,
    parseValue: (value) => value,
  }),
};
