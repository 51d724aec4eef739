'use client';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { InlineError } from '@/components/ui/status';
import { gqlErrorMessage, isGqlError } from '@/lib/gql-error-message';

/**
 * Every change to the clock's configuration can move what the other tabs, the preview and the recent changes show:
 * a service-rules mutation makes all the screen's queries (operation names `ServiceRules…`) stale.
 */
export const SERVICE_RULES_CHANGED = ['ServiceRules'];

/** "Someone changed this meanwhile": shown above a section after a stale write, which then shows the current state. */
export function ConflictNotice({ message }: { message: string }) {
  return (
    <p
      role="alert"
      className="rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
      data-testid="service-rules-conflict"
    >
      {message}
    </p>
  );
}

/** One line for any failure, in this screen's words; CONFLICT reads "someone changed this — reload". */
export function useServiceRulesError() {
  const t = useTranslations('serviceRules.errors');
  return useCallback((error: unknown) => gqlErrorMessage(error, (kind) => t(kind)), [t]);
}

export const isConflict = (error: unknown) => isGqlError(error, 'CONFLICT');

/** A failure after a save; a conflict offers to reload the section, since the draft was made from an old version. */
export function SaveError({ error, message, onReload }: { error: unknown; message: string; onReload: () => void }) {
  const t = useTranslations('serviceRules');
  return (
    <InlineError>
      <span
        className="flex flex-wrap items-center justify-between gap-2"
        data-testid={isConflict(error) ? 'service-rules-conflict' : 'service-rules-error'}
      >
        <span>{message}</span>
        {isConflict(error) && (
          <button type="button" className={buttonClass.secondary} onClick={onReload}>
            {t('reload')}
          </button>
        )}
      </span>
    </InlineError>
  );
}

type RuleKey = { interactionType?: string | null; severity?: string | null; keyAccount?: boolean | null };

/** "投诉 / 重大 / 任意客户", as the service words it in the history. */
export function useRuleLabel() {
  const t = useTranslations('serviceRules');
  return useCallback(
    (rule: RuleKey) =>
      [
        rule.interactionType ? t(`type.${rule.interactionType}`) : t('any'),
        rule.severity ? t(`severity.${rule.severity}`) : t('any'),
        rule.keyAccount == null ? t('keyAccount.any') : rule.keyAccount ? t('keyAccount.yes') : t('keyAccount.no'),
      ].join(' / '),
    [t],
  );
}

/** A whole number ≥ 1 typed into a text field, or null. */
export function positiveInt(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 ? n : null;
}
