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
  onSubmit,
  submitDisabled,
  size,
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
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
  /** Submit stays disabled (e.g. while what the form needs is still loading). */
  submitDisabled?: boolean;
  size?: React.ComponentProps<typeof Modal>['size'];
  children: React.ReactNode;
}) {
  const t = useTranslations('common');
  const formId = useId();
  return (
    <Modal
      open={open}
      onClose={() => !pending && onClose()}
      title={title}
      size={size}
      testId={testId}
      footer={
        <>
          <button type="button" className={buttonClass.secondary} onClick={onClose} disabled={pending}>
            {t('cancel')}
          </button>
          <button
            type="submit"
            form={formId}
            className={buttonClass.primary}
            disabled={pending || submitDisabled}
            data-testid={submitTestId}
          >
            {pending ? pendingLabel : submitLabel}
          </button>
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
