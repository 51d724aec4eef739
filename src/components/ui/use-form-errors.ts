'use client';
import { useCallback, useState } from 'react';
import { fieldErrorsOf } from '@/lib/gql-error-message';

/**
 * A failed submit split the one way every form does: the server's BAD_USER_INPUT field messages, and whether the
 * failure needs a line of its own for the whole form — when none of its messages belongs to a field the form shows
 * (`shown`; without it, when there are no field messages at all).
 */
export function splitFailure(error: unknown, shown?: readonly string[]) {
  const fields = fieldErrorsOf(error);
  const keys = Object.keys(fields);
  return { fields, formLevel: shown ? !keys.some((key) => shown.includes(key)) : keys.length === 0 };
}

/**
 * A form's messages: one per field (keyed like the server's BAD_USER_INPUT `fields`) and one for the whole form.
 * Editing a field clears its message (and those of any other keys named: `edited('from', 'range')`); the rest stay
 * until the next submit.
 */
export function useFormErrors() {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const edited = useCallback(
    (...keys: string[]) =>
      setFieldErrors((current) =>
        keys.some((k) => k in current)
          ? Object.fromEntries(Object.entries(current).filter(([k]) => !keys.includes(k)))
          : current,
      ),
    [],
  );
  const clear = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);
  return { fieldErrors, setFieldErrors, formError, setFormError, edited, clear };
}
