import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { SignInForm } from '@/components/sign-in-form';

/** The sign-in page of the console (staff) or the portal (customers). */
export async function SignInPage({ area }: { area: 'console' | 'portal' }) {
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 flex items-start justify-between">
          <div>
            <h1 className="text-xl font-semibold">{t('common.appName')}</h1>
            <p className="text-sm text-slate-600">{t(`${area}.loginTitle`)}</p>
          </div>
          <LocaleSwitcher />
        </div>
        <SignInForm area={area} />
      </div>
    </main>
  );
}
