'use client';
import { useTranslations } from 'next-intl';
import { buttonClass } from './classes';
import { dismissLabel } from './form-dialog';
import { Modal } from './modal';
import { InlineError } from './status';

/**
 * Asks before a destructive or consequential action; the confirm button names the action ("停用", "撤销密钥"), never
 * a bare "确认". Cancel is the one way out besides Esc (no ✕ as well).
 */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  pendingLabel,
  pending,
  error,
  tone = 'danger',
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: string | null;
  tone?: 'danger' | 'primary';
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('common');
  return (
    <Modal
      open={open}
      onClose={() => !pending && onCancel()}
      title={title}
      testId="confirm-dialog"
      closeButton={false}
      footer={
        <>
          {/* Cancel first and focused by default, so Enter never confirms by accident. */}
          <button type="button" autoFocus className={buttonClass.secondary} onClick={onCancel} disabled={pending}>
            {dismissLabel(t, confirmLabel)}
          </button>
          <button
            type="button"
            className={buttonClass[tone]}
            onClick={onConfirm}
            disabled={pending}
            data-testid="confirm-action"
          >
            {pending ? pendingLabel : confirmLabel}
          </button>
        </>
      }
    >
      <p className="text-sm text-slate-700">{body}</p>
      {error && <InlineError className="mt-4">{error}</InlineError>}
    </Modal>
  );
}
