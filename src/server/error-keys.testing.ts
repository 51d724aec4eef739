import zh from '../../messages/zh-CN/errors.json';
import type { ErrorKey, ErrorParams, FieldError, FieldErrors } from './error-keys';

/** The Chinese text of a key (tests: what a zh-CN viewer reads), `{param}`s filled in. */
export function zhText(key: ErrorKey | string, params: ErrorParams = {}): string {
  let node: unknown = zh;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no zh-CN text for ${key}`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const zhField = (problem: FieldError) => zhText(problem.key, problem.params);

/** `{ field: { key, params } }` → `{ field: 'Chinese text' }`. */
export const zhFields = (fields: FieldErrors | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(fields ?? {}).map(([name, problem]) => [name, zhField(problem)]));
