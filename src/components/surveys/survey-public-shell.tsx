import { getTranslations } from 'next-intl/server';
import { AppBrand } from '@/components/app-brand';
import { LocaleSwitcher } from '@/components/locale-switcher';

/**
 * The frame of a personal survey link: no sign-in and no navigation (the person came for one form), the language
 * switcher, and a narrow column that reads well on a phone.
 */
export async function SurveyPublicShell({ children }: { children: React.ReactNode }) {
  const t = await getTranslations();
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-2xl items-center justify-between gap-3 px-4 py-3">
          <AppBrand area={t('surveys.respond.shellTitle')} />
          <LocaleSwitcher />
        </div>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-6 sm:py-8">{children}</main>
    </>
  );
}
