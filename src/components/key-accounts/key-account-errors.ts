'use client';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { gqlErrorMessage } from '@/lib/gql-error-message';

/** One line for any failure, in the key-accounts screen's words (CONFLICT: "someone decided meanwhile"). */
export function useKeyAccountsError() {
  const t = useTranslations('keyAccounts.errors');
  return useCallback((error: unknown) => gqlErrorMessage(error, (kind) => t(kind)), [t]);
}

/** Every key-accounts mutation makes the screen's queries (operation names `KeyAccounts…`) and the customer page stale. */
export const KEY_ACCOUNTS_CHANGED = ['KeyAccounts', 'Customer'];
