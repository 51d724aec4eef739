import { GqlError } from '@/lib/graphql-client';

type Translate = (key: 'errors.conflict' | 'errors.forbidden' | 'errors.unauthenticated' | 'errors.notFound' | 'errors.network' | 'errors.unknown') => string;

/** A message a person can act on, for any error a customer screen can meet. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof GqlError) {
    switch (error.code) {
      case 'CONFLICT':
        return t('errors.conflict');
      case 'FORBIDDEN':
        return t('errors.forbidden');
      case 'UNAUTHENTICATED':
        return t('errors.unauthenticated');
      case 'NOT_FOUND':
        return t('errors.notFound');
      default:
        return error.message || t('errors.unknown');
    }
  }
  // fetch() rejects with a TypeError when the network or the server is down.
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.unknown');
}

export const isGqlError = (error: unknown, code: string): error is GqlError => error instanceof GqlError && error.code === code;
