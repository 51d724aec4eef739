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
