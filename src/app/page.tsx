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
          <LandingCard
            title={t('customers')}
            body={t('customersBody')}
            testId="landing-customers"
            links={[
              { href: '/portal', label: t('portal'), className: buttonClass.primary },
              { href: '/submit', label: t('submit'), className: buttonClass.link },
              { href: '/track', label: t('track'), className: buttonClass.link },
            ]}
          />
          <LandingCard
            title={t('staff')}
            body={t('staffBody')}
            testId="landing-staff"
            links={[{ href: '/console', label: t('console'), className: buttonClass.secondary }]}
          />
        </nav>
      </main>
    </>
  );
}

/** One audience's way in: who it is for, and its links (the first is the main one). */
function LandingCard({
  title,
  body,
  testId,
  links,
}: {
  title: string;
  body: string;
  testId: string;
  links: { href: string; label: string; className: string }[];
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-6" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-1 text-sm text-slate-700">{body}</p>
      <div className="mt-4 flex flex-col items-start gap-3">
        {links.map((link) => (
          <Link key={link.href} className={link.className} href={link.href}>
            {link.label}
          </Link>
        ))}
      </div>
    </section>
  );
}
