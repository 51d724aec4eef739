'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef } from 'react';

/**
 * A modal on the native <dialog>: the browser traps focus, restores it on close and puts the rest of the page out of
 * reach. `open` drives it. A dismissible dialog closes (through `onClose`) on Esc and its ✕ button, and on a click on
 * the backdrop when `closeOnBackdrop` is set (not for forms, where a stray click would throw away what was typed).
 * `dismissible={false}` offers none of these, for dialogs the user must acknowledge (a key shown once).
 */
export function Modal({
  open,
  onClose,
  title,
  children,
  footer,
  size = 'md',
  dismissible = true,
  closeOnBackdrop = false,
  testId,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
  footer?: React.ReactNode;
  size?: 'md' | 'lg' | 'xl';
  dismissible?: boolean;
  closeOnBackdrop?: boolean;
  testId?: string;
}) {
  const t = useTranslations('common');
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const width = { md: 'max-w-lg', lg: 'max-w-2xl', xl: 'max-w-4xl' }[size];
  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      data-testid={testId}
      onCancel={(event) => {
        // The browser would close the dialog itself; `open` stays the one source of truth.
        event.preventDefault();
        if (dismissible) onClose();
      }}
      onClick={(event) => {
        if (dismissible && closeOnBackdrop && event.target === event.currentTarget) onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${width} rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40`}
    >
      {open && (
        <div className="relative flex max-h-[85vh] flex-col">
          <header className={`border-b border-slate-100 px-5 py-3 ${dismissible ? 'pr-12' : ''}`}>
            <h2 id={headingId} className="text-base font-semibold">
              {title}
            </h2>
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
          {footer && (
            <footer className="flex flex-wrap justify-end gap-2 border-t border-slate-100 px-5 py-3">{footer}</footer>
          )}
          {/* Last in the DOM though shown in the header: showModal() focuses the first focusable element, which
              should be the dialog's own first control (or Cancel in a confirmation), not the close button. */}
          {dismissible && (
            <button
              type="button"
              onClick={onClose}
              className="absolute top-2.5 right-3 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
              aria-label={t('close')}
            >
              <span aria-hidden>✕</span>
            </button>
          )}
        </div>
      )}
    </dialog>
  );
}
