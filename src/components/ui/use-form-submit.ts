'use client';
import { useCallback, useState } from 'react';
import { splitFailure, useFormErrors } from './use-form-errors';

/**
 * Sends a form: `submit(action)` runs the action (a mutation), shows it as pending, and on failure puts the server's
 * BAD_USER_INPUT field messages under their fields or, when there are none, one line for the whole form. It resolves
 * to true when the action succeeded, so the form can close. `error` is the last failure as thrown (a screen that
 * treats one code specially, such as CONFLICT, looks at it).
 */
export function useFormSubmit(errorMessage: (error: unknown) => string) {
  const errors = useFormErrors();
  const { clear, setFieldErrors, setFormError } = errors;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setPending(true);
      setError(null);
      clear();
      try {
        await action();
        return true;
      } catch (failure) {
        const { fields, formLevel } = splitFailure(failure);
        setError(failure);
        setFieldErrors(fields);
        setFormError(formLevel ? errorMessage(failure) : null);
        return false;
      } finally {
        setPending(false);
      }
    },
    [clear, setFieldErrors, setFormError, errorMessage],
  );
  /**
   * What a FormDialog takes to run `action` when sent and call `onDone` once it succeeded:
   * `<FormDialog {...form.dialogProps(() => save.mutateAsync(…), onDone)} …>`.
   */
  const dialogProps = (action: () => Promise<unknown>, onDone: () => void) => ({
    pending,
    formError: errors.formError,
    onSubmit: (event: React.FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      void submit(action).then((ok) => ok && onDone());
    },
  });
  return { ...errors, pending, error, submit, dialogProps };
}
