'use client';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { gqlErrorMessage, type GqlErrorKind } from '@/lib/gql-error-message';

/** The admin screens word failures with the shared `common` messages (they have no network-specific one). */
const COMMON_KEY = {
  forbidden: 'forbidden',
  unauthenticated: 'forbidden',
  notFound: 'notFound',
  conflict: 'conflict',
  network: 'error',
  unknown: 'error',
} as const satisfies Record<GqlErrorKind, string>;

type Translate = (key: (typeof COMMON_KEY)[GqlErrorKind]) => string;

/** One line for the user from any failure, in the admin screens' words. */
export const errorMessage = (error: unknown, tCommon: Translate): string =>
  gqlErrorMessage(error, (kind) => tCommon(COMMON_KEY[kind]));

/** `errorMessage` bound to the viewer's language, for `DataTable`/`useConfirmedAction`/forms. */
export function useAdminErrorMessage() {
  const tc = useTranslations('common');
  return useCallback((error: unknown) => errorMessage(error, tc), [tc]);
}
