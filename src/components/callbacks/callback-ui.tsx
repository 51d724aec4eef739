'use client';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { CallbackFieldsFragment, CallbackOutcome } from '@/gql/graphql';
import { DueLabel } from '@/components/complaints/complaint-ui';
import { formatDateTime } from '@/lib/format';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

// Small pieces shared by the callback queues, the dialogs, the complaint's callback panel and the customer page.

export type CallbackRow = CallbackFieldsFragment;

const STATUS_COLOURS: Record<string, string> = {
  PENDING: 'bg-amber-50 text-amber-900',
  DONE: 'bg-green-50 text-green-800',
  CANCELLED: 'bg-slate-100 text-slate-600',
};

export function CallbackStatusBadge({ status, testId }: { status: string; testId?: string }) {
  const t = useTranslations('callbacks.status');
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_COLOURS[status] ?? ''}`} data-testid={testId}>
      {t.has(status) ? t(status) : status}
    </span>
  );
}

/** The due time with the complaints' "剩余 Xh / 逾期 Xh" clock while the task is pending; the completion time after. */
export function CallbackDue({ callback }: { callback: Pick<CallbackRow, 'dueAt' | 'status' | 'completedAt'> }) {
  const t = useTranslations('callbacks.list');
  const timeZone = useDisplayTimeZone();
  return (
    <>
      <span className="block text-slate-700">{formatDateTime(callback.dueAt, timeZone)}</span>
      <DueLabel dueAt={callback.dueAt} stopped={callback.status !== 'PENDING'} />
      {callback.completedAt && (
        <span className="block text-xs text-slate-500">
          {t('completedAt', { at: formatDateTime(callback.completedAt, timeZone) })}
        </span>
      )}
    </>
  );
}

/**
 * Whom to call, as one line: "联系人 name · phone" (the phone a tel: link, so a click dials on a softphone or a phone),
 * with the company first in a dialog. Nothing when the task names nobody.
 */
export function CalleeLine({
  callee,
  className,
  withCompany = false,
  testId,
}: {
  callee: CallbackRow['callee'];
  className?: string;
  withCompany?: boolean;
  testId?: string;
}) {
  const t = useTranslations('callbacks.list');
  if (!callee || (!callee.name && !callee.phone && !(withCompany && callee.company))) return null;
  return (
    <span className={className} data-testid={testId}>
      {t('callee')}
      {withCompany && callee.company && <span className="ml-1 font-medium">{callee.company}</span>}
      {callee.name && <span className="ml-1">{callee.name}</span>}
      {callee.phone && (
        <a className="ml-1 font-mono text-blue-700 hover:underline" href={`tel:${callee.phone}`}>
          {callee.phone}
        </a>
      )}
    </span>
  );
}

/** The translated one-liner for any failure of a callback operation. */
export function useCallbackErrorMessage() {
  const t = useTranslations('callbacks.errors');
  return (error: unknown) => gqlErrorMessage(error, (kind) => t(kind));
}

/**
 * A labelled group of radio buttons (native inputs, so Tab enters the group and the arrow keys move within it), drawn
 * as buttons. The error sits under the group and is read with it.
 */
export function RadioChoice<T extends string>({
  name,
  label,
  options,
  value,
  onChange,
  error,
  hint,
  disabled = false,
  layout = 'row',
  testId,
}: {
  name: string;
  label: string;
  options: readonly { value: T; label: string; hint?: string }[];
  value: T | null;
  onChange: (value: T) => void;
  error?: string;
  hint?: string;
  disabled?: boolean;
  layout?: 'row' | 'column';
  testId?: string;
}) {
  const labelId = useId();
  const describedId = useId();
  return (
    <div>
      <div id={labelId} className="mb-1 text-xs font-medium text-slate-700">
        {label}
      </div>
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        aria-describedby={error || hint ? describedId : undefined}
        aria-invalid={Boolean(error)}
        className={layout === 'row' ? 'flex flex-wrap gap-2' : 'space-y-2'}
        data-testid={testId}
      >
        {options.map((option) => (
          <label
            key={option.value}
            className={`flex cursor-pointer items-start gap-2 rounded border px-3 py-1.5 text-sm has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50 has-[:checked]:text-blue-900 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-700 ${error ? 'border-red-400' : 'border-slate-300'} ${disabled ? 'cursor-not-allowed opacity-50' : ''}`}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              disabled={disabled}
              className="mt-0.5"
              data-testid={`${name}-${option.value}`}
            />
            <span>
              {option.label}
              {option.hint && <span className="block text-xs text-slate-500">{option.hint}</span>}
            </span>
          </label>
        ))}
      </div>
      {(error || hint) && (
        <p id={describedId} className={`mt-1 text-xs ${error ? 'text-red-700' : 'text-slate-500'}`}>
          {error ?? hint}
        </p>
      )}
    </div>
  );
}

export const OUTCOMES: readonly CallbackOutcome[] = ['NO_PROBLEM', 'REOPENED', 'NEW_COMPLAINT', 'UNREACHABLE'];

/** Outcomes that make sense for this task (the service refuses the others): reopening needs a followed-up complaint. */
export function outcomesFor(callback: Pick<CallbackRow, 'reason' | 'interaction' | 'customer'>): CallbackOutcome[] {
  return OUTCOMES.filter((o) =>
    o === 'REOPENED'
      ? callback.reason === 'POST_RESOLUTION' && !!callback.interaction
      : o === 'NEW_COMPLAINT'
        ? !!callback.customer
        : true,
  );
}
