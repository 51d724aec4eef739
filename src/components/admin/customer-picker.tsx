'use client';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { inputClass } from '@/components/ui/classes';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { useAdminErrorMessage } from './errors';
import { AdminCustomerPickerQuery } from './operations';

export type PickedCustomer = { id: string; name: string; contractNo: string | null };

type Option = PickedCustomer & { certificateNo: string | null };

/**
 * A searchable customer picker following the ARIA combobox pattern: type to search (debounced), arrows to move,
 * Enter to choose, Esc to close. Once chosen it shows the customer with a "change" button.
 */
export function CustomerPicker({
  id,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  value: PickedCustomer | null;
  onChange: (customer: PickedCustomer | null) => void;
  invalid: boolean;
  describedBy: string | undefined;
}) {
  const t = useTranslations('admin.users.picker');
  const errorMessage = useAdminErrorMessage();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = `${id}-listbox`;

  // Search once typing pauses, not on every key.
  const search = useDebouncedValue(query.trim(), 250);
  const found = useGqlQuery(
    AdminCustomerPickerQuery,
    { search: search || null },
    { enabled: open && !value, keepPrevious: true },
  );
  const options: readonly Option[] = found.data?.customers.nodes ?? [];
  const status = found.isError ? 'error' : found.isFetching ? 'searching' : found.data ? 'done' : 'idle';
  const error = found.error ? errorMessage(found.error) : null;
  const activeIndex = Math.min(active, options.length - 1);

  function choose(option: Option) {
    onChange({ id: option.id, name: option.name, contractNo: option.contractNo });
    setOpen(false);
    setQuery('');
  }

  if (value) {
    return (
      <div
        className="flex items-center justify-between gap-3 rounded border border-slate-300 bg-slate-50 px-3 py-2"
        data-testid="customer-picker-selected"
      >
        <span className="min-w-0 text-sm">
          <span className="sr-only">{t('selected', { name: value.name })}</span>
          <span aria-hidden="true" className="font-medium">
            {value.name}
          </span>
          {value.contractNo && <span className="ml-2 text-xs text-slate-500">{value.contractNo}</span>}
        </span>
        <Button
          kind="ghost"
          onClick={() => {
            onChange(null);
            setOpen(true);
            // Back to typing: the input re-mounts after the change.
            requestAnimationFrame(() => inputRef.current?.focus());
          }}
        >
          {t('change')}
        </Button>
      </div>
    );
  }

  const activeOption = activeIndex >= 0 ? options[activeIndex] : undefined;

  return (
    <div>
      <input
        ref={inputRef}
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && activeOption ? `${listId}-${activeOption.id}` : undefined}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        autoComplete="off"
        value={query}
        placeholder={t('placeholder')}
        className={inputClass}
        data-testid="customer-picker-input"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive(Math.min(activeIndex + 1, options.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive(Math.max(activeIndex - 1, 0));
          } else if (e.key === 'Enter') {
            // Enter picks the highlighted customer instead of submitting the form.
            if (open && activeOption) {
              e.preventDefault();
              choose(activeOption);
            }
          } else if (e.key === 'Escape' && open) {
            // Close the list, not the whole dialog.
            e.preventDefault();
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {open && (
        // In the flow rather than floating: inside a modal a floating list would be clipped by the dialog's edge.
        <ul
          id={listId}
          role="listbox"
          className="mt-1 max-h-56 w-full overflow-auto rounded border border-slate-200 bg-white py-1 shadow-sm"
        >
          {status === 'searching' && options.length === 0 && (
            <li className="px-3 py-2 text-sm text-slate-500">{t('searching')}</li>
          )}
          {status === 'error' && (
            <li role="alert" className="px-3 py-2 text-sm text-red-700">
              {error}
            </li>
          )}
          {status === 'done' && options.length === 0 && (
            <li className="px-3 py-2 text-sm text-slate-500">{t('noResults')}</li>
          )}
          {options.map((option, index) => (
            <li
              key={option.id}
              id={`${listId}-${option.id}`}
              role="option"
              aria-selected={index === activeIndex}
              data-testid="customer-picker-option"
              className={`cursor-pointer px-3 py-2 text-sm ${index === activeIndex ? 'bg-blue-50 text-blue-900' : 'text-slate-800'}`}
              // mousedown, not click: it fires before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <div className="font-medium">{option.name}</div>
              {(option.contractNo || option.certificateNo) && (
                <div className="text-xs text-slate-500">
                  {[option.contractNo, option.certificateNo].filter(Boolean).join(' · ')}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The customer picker as a labelled form field: its label, hint and message, and the picker bound to them. */
export function CustomerPickerField({
  id,
  label,
  hint,
  error,
  required,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  value: PickedCustomer | null;
  onChange: (customer: PickedCustomer | null) => void;
}) {
  return (
    <FormField id={id} label={label} hint={hint} error={error} required={required}>
      {(p) => (
        <CustomerPicker
          id={p.id}
          value={value}
          onChange={onChange}
          invalid={p['aria-invalid']}
          describedBy={p['aria-describedby']}
        />
      )}
    </FormField>
  );
}
