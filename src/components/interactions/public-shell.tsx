import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/components/locale-switcher';

/** The frame of the public intake pages (/submit, /track): no sign-in, links to each other and to the portal. */
export async function PublicShell({ children }: { children: React.ReactNode }) {
  const t = await getTranslations();
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-6 py-3">
          <span className="text-lg font-semibold">{t('common.appName')}</span>
          <nav className="flex items-center gap-4 text-sm">
            <Link className="text-blue-700 hover:underline" href="/submit">
              {t('intake.form.anonymousTitle')}
            </Link>
            <Link className="text-blue-700 hover:underline" href="/track">
              {t('intake.track.title')}
            </Link>
            <Link className="text-blue-700 hover:underline" href="/portal/login">
              {t('intake.track.portalLink')}
            </Link>
            <LocaleSwitcher />
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-4xl space-y-6 p-6">{children}</main>
    </>
  );
}
