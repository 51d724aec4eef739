'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { CheckboxGroup, type CheckboxOption } from './checkbox-group';
import { buttonClass, inputClass, labelClass } from './classes';

export type MultiSelectWords = {
  /** The button's text while nothing is chosen ("全部"). */
  all: string;
  /** The button's text for several chosen ("已选 3 项"). */
  selectedCount: (count: number) => string;
  clear: string;
  done: string;
};

/**
 * A labelled button that opens a CheckboxGroup (a filter bar's multi-select with many values: campaigns, periods,
 * provinces). The button names what is chosen (all, the one value, or how many); changes apply at once; Esc, a click
 * elsewhere or 完成 closes the list and gives focus back to the button. A chosen value no longer offered (from a
 * shared URL) stays listed so it can be unticked. Test ids: `${testId}` on the button, `${testId}-panel`,
 * `${testId}-option` on every box.
 */
export function MultiSelect({
  name,
  label,
  options,
  selected,
  onChange,
  emptyHint,
  words,
  testId,
}: {
  name: string;
  label: string;
  options: readonly CheckboxOption<string>[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  emptyHint: string;
  words: MultiSelectWords;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const labelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const known = new Set(options.map((o) => o.value));
  const all = [...options, ...selected.filter((v) => !known.has(v)).map((v) => ({ value: v, label: v }))];
  const labelOf = new Map(all.map((o) => [o.value, o.label]));
  const summary =
    selected.length === 0
      ? words.all
      : selected.length === 1
        ? (labelOf.get(selected[0]!) ?? selected[0]!)
        : words.selectedCount(selected.length);

  return (
    <div
      ref={rootRef}
      className="relative min-w-0"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <span id={labelId} className={labelClass}>
        {label}
      </span>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={panelId}
        aria-labelledby={`${labelId} ${panelId}-summary`}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
        className={`${inputClass} flex items-center justify-between gap-2 text-left ${selected.length ? 'border-blue-500 bg-blue-50/40' : ''}`}
      >
        <span id={`${panelId}-summary`} className="truncate">
          {summary}
        </span>
        <span aria-hidden className="text-xs text-slate-500">
          ▾
        </span>
      </button>
      {open && (
        <div
          id={panelId}
          className="absolute z-20 mt-1 w-72 max-w-[90vw] rounded-md border border-slate-200 bg-white p-3 shadow-lg"
          data-testid={testId && `${testId}-panel`}
        >
          <CheckboxGroup
            name={name}
            legend={label}
            legendHidden
            layout="list"
            options={all}
            selected={selected}
            onChange={onChange}
            emptyHint={emptyHint}
            testIdOf={testId ? () => `${testId}-option` : undefined}
          />
          <div className="mt-2 flex justify-between border-t border-slate-100 pt-2">
            <button
              type="button"
              className={buttonClass.ghost}
              onClick={() => onChange([])}
              disabled={selected.length === 0}
            >
              {words.clear}
            </button>
            <button type="button" className={buttonClass.ghost} onClick={close}>
              {words.done}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
