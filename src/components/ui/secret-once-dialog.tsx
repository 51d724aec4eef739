'use client';
import { useId } from 'react';
import { Button } from './button';
import { inputClass, labelClass } from './classes';
import { CopyButton } from './copy-button';
import { Modal } from './modal';

/**
 * A secret shown exactly once (an API key, a webhook's signing secret): the server keeps only a hash or an encrypted
 * copy, so the dialog is not dismissed by Esc or a click outside — it closes when the user says they have it. The
 * warning on top, the secret read-only (selected on focus) with a copy button, then anything more (`children`).
 * Test ids: the secret `testId`; the dialog, its copy and done buttons `${testId}-dialog`, `-copy`, `-done` unless named.
 */
export function SecretOnceDialog({
  open,
  onDone,
  title,
  warning,
  label,
  secret,
  doneLabel,
  copy,
  size,
  testId,
  dialogTestId = `${testId}-dialog`,
  copyTestId = `${testId}-copy`,
  doneTestId = `${testId}-done`,
  children,
}: {
  open: boolean;
  onDone: () => void;
  title: string;
  warning: string;
  /** The visible label of the secret's field; without one the field is named by the title. */
  label?: string;
  secret: string;
  doneLabel: string;
  copy: { label: string; copiedLabel: string; failedLabel: string };
  size?: React.ComponentProps<typeof Modal>['size'];
  testId: string;
  dialogTestId?: string;
  copyTestId?: string;
  doneTestId?: string;
  children?: React.ReactNode;
}) {
  const fieldId = useId();
  return (
    <Modal
      open={open}
      onClose={onDone}
      title={title}
      dismissible={false}
      size={size}
      testId={dialogTestId}
      footer={
        <Button kind="primary" onClick={onDone} data-testid={doneTestId}>
          {doneLabel}
        </Button>
      }
    >
      <div className="space-y-5">
        <p
          role="alert"
          className="flex gap-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <span aria-hidden="true">⚠</span>
          <span>{warning}</span>
        </p>
        <div>
          {label && (
            <label htmlFor={fieldId} className={labelClass}>
              {label}
            </label>
          )}
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              id={fieldId}
              readOnly
              aria-label={label ? undefined : title}
              value={secret}
              onFocus={(e) => e.currentTarget.select()}
              className={`${inputClass} font-mono`}
              data-testid={testId}
            />
            <CopyButton text={secret} {...copy} testId={copyTestId} />
          </div>
        </div>
        {children}
      </div>
    </Modal>
  );
}
