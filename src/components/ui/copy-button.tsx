'use client';
import { useEffect, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/classes';

/** Copies `text` to the clipboard and says so for a moment (announced to screen readers through aria-live). */
export function CopyButton({
  text,
  label,
  copiedLabel,
  failedLabel,
  testId,
}: {
  text: string;
  label: string;
  copiedLabel: string;
  failedLabel: string;
  testId?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const anchor = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span ref={anchor} className="inline-flex items-center gap-2">
      <button
        type="button"
        className={buttonClass.secondary}
        data-testid={testId}
        onClick={async () => {
          try {
            if (navigator.clipboard) await navigator.clipboard.writeText(text);
            else if (!legacyCopy(text, anchor.current)) throw new Error('copy refused');
            setState('copied');
          } catch {
            setState('failed');
          }
        }}
      >
        {state === 'copied' ? copiedLabel : label}
      </button>
      <span aria-live="polite" className={`text-xs ${state === 'failed' ? 'text-red-700' : 'text-green-700'}`}>
        {state === 'failed' ? failedLabel : ''}
      </span>
    </span>
  );
}

/**
 * The Clipboard API exists only in secure contexts (https, localhost); on a plain-http intranet address fall back
 * to a selected textarea. It is placed next to the button because a modal dialog makes the rest of the page inert.
 */
function legacyCopy(text: string, near: HTMLElement | null): boolean {
  if (!near) return false;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'sr-only';
  near.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}
