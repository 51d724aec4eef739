'use client';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { buttonClass } from './classes';
import { Modal } from './modal';
import { InlineError } from './status';

/**
 * A form in a modal: the fields, a form-level error under them, and Cancel / submit in the dialog's footer. While the
 * form is being sent the dialog cannot be dismissed, so an answer is never lost.
 */
export function FormDialog({
  open,
  onClose,
  title,
  testId,
  pending,
  formError,
  submitLabel,
  pendingLabel,
  submitTestId,
  tone = 'primary',
  canSubmit = true,
  onSubmit,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  testId?: string;
  pending: boolean;
  formError: string | null;
  submitLabel: string;
  pendingLabel: string;
  submitTestId?: string;
  /** 'danger' for a form that takes something away (cancelling a task with a reason). */
  tone?: 'primary' | 'danger';
  /** False: no submit button (the form cannot be sent as it stands, e.g. after a conflict that asks for a reload). */
  canSubmit?: boolean;
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
  children: React.ReactNode;
}) {
  const t = useTranslations('common');
  const formId = useId();
  return (
    <Modal
      open={open}
      onClose={() => !pending && onClose()}
      title={title}
      testId={testId}
      footer={
        <>
          <button type="button" className={buttonClass.secondary} onClick={onClose} disabled={pending}>
            {t('cancel')}
          </button>
          {canSubmit && (
            <button
              type="submit"
              form={formId}
              className={buttonClass[tone]}
              disabled={pending}
              data-testid={submitTestId}
            >
              {pending ? pendingLabel : submitLabel}
            </button>
          )}
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} noValidate className="space-y-4">
        {children}
        {formError && <InlineError>{formError}</InlineError>}
      </form>
    </Modal>
  );
}
