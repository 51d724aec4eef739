'use client';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';

export function SignOutButton({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('common');
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl })}
      className="text-sm text-slate-600 underline-offset-2 hover:underline"
    >
      {t('signOut')}
    </button>
  );
}
