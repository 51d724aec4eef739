'use client';
import { useCallback, useState } from 'react';
import { ConfirmDialog } from './confirm-dialog';

export type ConfirmCopy = {
  title: string;
  body: string;
  confirmLabel: string;
  pendingLabel: string;
  tone?: 'danger' | 'primary';
};

/**
 * Confirm, then act: `ask(subject)` opens a confirmation worded for that subject; confirming runs `action(subject)`,
 * keeps the dialog open (and undismissable) while it runs, shows its failure in the dialog, and closes on success.
 * Render `dialog` once in the component.
 *
 *   const remove = useConfirmedAction((rule: Rule) => deleteRule.mutateAsync({ id: rule.id }), (rule) => ({…copy}), errorMessage);
 *   <button onClick={() => remove.ask(rule)}>删除</button> … {remove.dialog}
 */
export function useConfirmedAction<Subject>(
  action: (subject: Subject) => Promise<unknown>,
  copy: (subject: Subject) => ConfirmCopy,
  errorMessage: (error: unknown) => string,
) {
  const [subject, setSubject] = useState<{ value: Subject } | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const ask = useCallback((value: Subject) => {
    setError(null);
    setSubject({ value });
  }, []);

  const confirm = async () => {
    if (!subject) return;
    setPending(true);
    setError(null);
    try {
      await action(subject.value);
      setSubject(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  };

  const words = subject ? copy(subject.value) : null;
  const dialog = (
    <ConfirmDialog
      open={subject !== null}
      title={words?.title ?? ''}
      body={words?.body ?? ''}
      confirmLabel={words?.confirmLabel ?? ''}
      pendingLabel={words?.pendingLabel ?? ''}
      tone={words?.tone}
      pending={pending}
      error={error ? errorMessage(error) : null}
      onConfirm={() => void confirm()}
      onCancel={() => setSubject(null)}
    />
  );
  return { ask, dialog, pending, subject: subject?.value ?? null };
}
