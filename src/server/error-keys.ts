import en from '../../messages/en/errors.json';

/**
 * The message keys an error may carry: every leaf of messages/en/errors.json, as `'customer.contractNoTaken'`. A key
 * that is not in the bundle does not compile; a test checks messages/zh-CN/errors.json has the same leaves. Client-safe
 * (no server imports): forms and the zod error map use it too.
 */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type ErrorKey = Leaves<typeof en>;
export type ErrorParams = Record<string, string | number>;
/** A field's problem as the client receives it in `extensions.fields`: a key into `errors.*` and its params. */
export type FieldError = { key: ErrorKey; params?: ErrorParams };
export type FieldErrors = Record<string, FieldError>;

function lookup(key: string): string | undefined {
  let node: unknown = en;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export const isErrorKey = (key: unknown): key is ErrorKey => typeof key === 'string' && lookup(key) !== undefined;

/** The English text of a key with its `{param}`s filled in: the `message` machine clients and logs read. */
export function englishMessage(key: ErrorKey, params: ErrorParams = {}): string {
  const template = lookup(key) ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Types a key written inside a zod schema (`.regex(RE, { message: errorKey('customer.postcodeInvalid') })`). */
export const errorKey = (key: ErrorKey): ErrorKey => key;

/** The zod issue fields the mapping reads (zod 4's issue union, loosely). */
type ZodIssueLike = {
  code: string;
  message: string;
  path: readonly PropertyKey[];
  origin?: string;
  format?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
};

/**
 * One zod issue → a key and params, generically: a schema may name its own key as the message (errorKey(...)); any
 * other message (zod's English defaults) is replaced by the issue code's key with its limits ({min}, {max}). So rules
 * files carry no sentences, and the client shows every field problem in the viewer's language.
 */
export function zodIssueError(issue: ZodIssueLike): FieldError {
  const min = issue.minimum === undefined ? undefined : Number(issue.minimum);
  const max = issue.maximum === undefined ? undefined : Number(issue.maximum);
  const params: ErrorParams = {};
  if (min !== undefined) params.min = min;
  if (max !== undefined) params.max = max;
  const withParams = (key: ErrorKey): FieldError => (Object.keys(params).length ? { key, params } : { key });
  if (isErrorKey(issue.message)) return withParams(issue.message);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return withParams(min === 1 ? 'validation.required' : 'validation.tooShort');
      if (issue.origin === 'array' || issue.origin === 'set')
        return withParams(min === 1 ? 'validation.required' : 'validation.tooFewItems');
      return withParams('validation.tooSmall');
    case 'too_big':
      if (issue.origin === 'string') return withParams('validation.tooLong');
      if (issue.origin === 'array' || issue.origin === 'set') return withParams('validation.tooManyItems');
      return withParams('validation.tooBig');
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'validation.invalidEmail' : 'validation.invalidFormat' };
    case 'invalid_type':
      if (issue.expected === 'date') return { key: 'validation.invalidDate' };
      if (issue.expected === 'int') return { key: 'validation.notInteger' };
      return { key: 'validation.required' };
    case 'invalid_value':
    case 'invalid_union':
      return { key: 'validation.invalidChoice' };
    default:
      return { key: 'validation.invalid' };
  }
}

/** Zod issues → `{ "contracts.0.contractNo": { key: 'customer.contractNoRepeated' } }` (first problem per field). */
export function zodFieldErrors(error: { issues: readonly ZodIssueLike[] }): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.map(String).join('.') || '_';
    fields[name] ??= zodIssueError(issue);
  }
  return fields;
}
