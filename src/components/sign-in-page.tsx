import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { SignInForm } from '@/components/sign-in-form';

/** The console's sign-in choices, from the server's configuration (src/app/console/login/page.tsx). */
export type StaffSignIn = { ssoProvider: string | null; password: boolean; ssoRefusal: string | null };

/**
 * The sign-in page of the console (staff) or the portal (customers). The console offers the company's single sign-on
 * when it is configured, and hides the password form when staff passwords are off (KEFU_STAFF_PASSWORD_SIGNIN).
 */
export async function SignInPage({ area, staff }: { area: 'console' | 'portal'; staff?: StaffSignIn }) {
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
        <SignInForm area={area} {...staff} />
      </div>
    </main>
  );
}
