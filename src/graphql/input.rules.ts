/** Zod pieces the modules' input rules share: text fields, repeated keys in a list. */
import { z } from 'zod';
import type { ErrorKey } from '@/server/error-keys';

/** A free-text input field: trimmed, at most `max` characters; empty means "not given" (null). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullish();

/** A text input that must not be blank once trimmed; `required` names the message key for a blank value. */
export const requiredText = (max: number, required?: ErrorKey) =>
  z
    .string()
    .trim()
    .min(1, required ? { message: required } : undefined)
    .max(max);

/** Adds `message` at `pathOf(i)` for each item whose key an earlier item already had (a repeated code, number, …). */
export function flagRepeats<T>(
  ctx: z.RefinementCtx,
  items: readonly T[] | null | undefined,
  keyOf: (item: T) => string,
  pathOf: (index: number) => PropertyKey[],
  message: ErrorKey,
): void {
  const seen = new Set<string>();
  items?.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: pathOf(i), message });
    seen.add(key);
  });
}
