'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements Tab reaches inside `root`, in document order (visible ones only). */
function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

/**
 * A modal on the native <dialog>: showModal() puts the rest of the page out of reach. On top of what the browser does,
 * Tab and Shift+Tab wrap inside the dialog (Chromium would otherwise let focus leave for the browser's own toolbar),
 * and focus goes back to the element that opened the dialog when it closes, however it closes (Esc, Cancel, success):
 * the dialog's content unmounts on close, so the browser's own restoring is not to be relied on.
 *
 * `open` drives it. A dismissible dialog closes (through `onClose`) on Esc and its ✕ button, and on a click on the
 * backdrop when `closeOnBackdrop` is set (not for forms, where a stray click would throw away what was typed).
 * `dismissible={false}` offers none of these, for dialogs the user must acknowledge (a key shown once).
 * `closeButton={false}` drops the ✕ where the footer has its own Cancel, so a dialog never offers two ways out with
 * the same name.
 */
export function Modal({
  open,
  onClose,
  title,
  children,
  footer,
  size = 'md',
  dismissible = true,
  closeButton = true,
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
  closeButton?: boolean;
  closeOnBackdrop?: boolean;
  testId?: string;
}) {
  const t = useTranslations('common');
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const headingId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      dialog.showModal();
    }
    if (!open && dialog.open) {
      dialog.close();
      restoreFocus(opener);
    }
  }, [open]);

  // A dialog unmounted while open (rendered only while open, or its screen navigated away) still hands focus back.
  // Only once it has really left the page: React's development double-mount runs this cleanup on a live dialog.
  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (!dialog?.isConnected) restoreFocus(opener);
    };
  }, []);

  const width = { md: 'max-w-lg', lg: 'max-w-2xl', xl: 'max-w-4xl' }[size];
  const showClose = dismissible && closeButton;
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
      onKeyDown={(event) => {
        if (event.key !== 'Tab') return;
        const focusable = focusableIn(event.currentTarget);
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        const active = document.activeElement;
        if (event.shiftKey && (active === first || !event.currentTarget.contains(active))) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && (active === last || !event.currentTarget.contains(active))) {
          event.preventDefault();
          first.focus();
        }
      }}
      className={`m-auto w-[calc(100%-2rem)] ${width} rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40`}
    >
      {open && (
        <div className="relative flex max-h-[85vh] flex-col">
          <header className={`border-b border-slate-100 px-5 py-3 ${showClose ? 'pr-12' : ''}`}>
            <h2 id={headingId} className="text-base font-semibold">
              {title}
            </h2>
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
          {footer && (
            <footer className="flex flex-wrap justify-end gap-2 border-t border-slate-100 px-5 py-3">{footer}</footer>
          )}
          {/* Last in the DOM though shown in the header: showModal() focuses the first focusable element, which
              should be the dialog's own first control, not the close button. Named apart from any footer "Close". */}
          {showClose && (
            <button
              type="button"
              onClick={onClose}
              className="absolute top-2.5 right-3 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
              aria-label={t('closeDialog')}
              data-testid="modal-close"
            >
              <span aria-hidden>✕</span>
            </button>
          )}
        </div>
      )}
    </dialog>
  );
}

/** Focus back on the opener if it is still on the page (a row's button may have gone with its row). */
function restoreFocus(opener: React.RefObject<HTMLElement | null>) {
  const element = opener.current;
  opener.current = null;
  if (element?.isConnected) element.focus();
}
