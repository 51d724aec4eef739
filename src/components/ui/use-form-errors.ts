'use client';
import { useCallback, useState } from 'react';

/**
 * A form's messages: one per field (keyed like the server's BAD_USER_INPUT `fields`) and one for the whole form.
 * Editing a field clears its message; the rest stay until the next submit.
 */
export function useFormErrors() {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const edited = useCallback(
    (key: string) =>
      setFieldErrors((current) =>
        key in current ? Object.fromEntries(Object.entries(current).filter(([k]) => k !== key)) : current,
      ),
    [],
  );
  const clear = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);
  return { fieldErrors, setFieldErrors, formError, setFormError, edited, clear };
}
