'use client';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { gqlErrorMessage, type GqlErrorKind } from '@/lib/gql-error-message';

/** Screens with no failure messages of their own (admin, webhooks, notices) word them with the shared `common` ones. */
const COMMON_KEY = {
  forbidden: 'forbidden',
  unauthenticated: 'forbidden',
  notFound: 'notFound',
  conflict: 'conflict',
  network: 'error',
  unknown: 'error',
} as const satisfies Record<GqlErrorKind, string>;

/** One line for the user from any failure, in the `common` words, bound to the viewer's language. */
export function useCommonErrorMessage() {
  const tCommon = useTranslations('common');
  return useCallback((error: unknown) => gqlErrorMessage(error, (kind) => tCommon(COMMON_KEY[kind])), [tCommon]);
}
