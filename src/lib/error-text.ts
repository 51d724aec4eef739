'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo } from 'react';
import type { ErrorParams, FieldError } from '@/server/error-keys';
import { errorKeyText, fieldText, registerErrorTranslator, type ErrorTranslator } from './error-text-core';

export { errorKeyText, fieldText, fieldTexts, type ErrorTranslator } from './error-text-core';

function useTranslator(): ErrorTranslator {
  const t = useTranslations('errors');
  return useMemo(
    () => ({
      has: (key: string) => t.has(key as never),
      text: (key: string, params?: ErrorParams) => t(key as never, params as never),
    }),
    [t],
  );
}

/** Registers the viewer's `errors` translator for the plain helpers; rendered once in the root layout. */
export function ErrorTextBridge() {
  const translator = useTranslator();
  useEffect(() => {
    registerErrorTranslator(translator);
    return () => registerErrorTranslator(null);
  }, [translator]);
  return null;
}

/** `text(key, params)` and `field(problem)` in the viewer's language, for components that show error keys. */
export function useErrorText() {
  const translator = useTranslator();
  return useMemo(
    () => ({
      text: (key: string, params?: ErrorParams | null, code = 'BAD_USER_INPUT') =>
        errorKeyText(translator, key, params ?? undefined, code) ?? key,
      field: (problem: FieldError | string) => fieldText(translator, problem),
    }),
    [translator],
  );
}
