import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { buttonClass } from '@/components/ui/classes';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('home.landing'), getTranslations('common')]);
  return { title: `${tc('appName')} · ${tc('appTagline')}`, description: t('tagline') };
}

/**
 * The front door: customers go to the portal, or without an account to /submit and /track; staff go to the console.
 * Public and the same for everyone (no session read), so it never bounces a visitor to a sign-in page they did not ask for.
 */
export default async function Home() {
  const t = await getTranslations('home.landing');
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl items-center justify-between gap-3 px-6 py-3">
          <span className="text-lg font-semibold">{t('title')}</span>
          <LocaleSwitcher />
        </div>
      </header>
      <main className="mx-auto max-w-4xl space-y-8 p-6">
        <div>
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
          <p className="mt-2 text-slate-700">{t('tagline')}</p>
        </div>
        <nav aria-label={t('nav')} className="grid gap-6 md:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-6" data-testid="landing-customers">
            <h2 className="text-lg font-semibold">{t('customers')}</h2>
            <p className="mt-1 text-sm text-slate-700">{t('customersBody')}</p>
            <div className="mt-4 flex flex-col items-start gap-3">
              <Link className={buttonClass.primary} href="/portal">
                {t('portal')}
              </Link>
              <Link className={buttonClass.link} href="/submit">
                {t('submit')}
              </Link>
              <Link className={buttonClass.link} href="/track">
                {t('track')}
              </Link>
            </div>
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-6" data-testid="landing-staff">
            <h2 className="text-lg font-semibold">{t('staff')}</h2>
            <p className="mt-1 text-sm text-slate-700">{t('staffBody')}</p>
            <div className="mt-4">
              <Link className={buttonClass.secondary} href="/console">
                {t('console')}
              </Link>
            </div>
          </section>
        </nav>
      </main>
    </>
  );
}
