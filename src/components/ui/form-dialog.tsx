'use client';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { buttonClass } from './classes';
import { Modal } from './modal';
import { InlineError } from './status';

/**
 * The footer's way out: "取消", unless the action itself is named with it ("取消任务", "Cancel task") — then "返回",
 * so a dialog never has two buttons whose names contain one another (for people using a screen reader, and tests).
 */
export function dismissLabel(t: (key: 'cancel' | 'back') => string, actionLabel: string): string {
  const cancel = t('cancel');
  return actionLabel.toLowerCase().includes(cancel.toLowerCase()) ? t('back') : cancel;
}

/**
 * A form in a modal: the fields, a form-level error under them, and Cancel / submit in the dialog's footer. While the
 * form is being sent the dialog cannot be dismissed, so an answer is never lost. Cancel is the one way out besides Esc
 * (no ✕ as well); focus returns to the opener however the dialog closes (see Modal).
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
  /** 'danger' for a form that takes something away (cancelling a task with a reason). */
  tone?: 'primary' | 'danger';
  /** False: no submit button (the form cannot be sent as it stands, e.g. after a conflict that asks for a reload). */
  canSubmit?: boolean;
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
      closeButton={false}
      footer={
        <>
          <button type="button" className={buttonClass.secondary} onClick={onClose} disabled={pending}>
            {dismissLabel(t, submitLabel)}
          </button>
          {canSubmit && (
            <button
              type="submit"
              form={formId}
              className={buttonClass[tone]}
              disabled={pending || submitDisabled}
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
