import type { Metadata } from 'next';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { PublicShell } from '@/components/interactions/public-shell';
import { ResolutionLinkView } from '@/components/interactions/resolution-link-view';
import { PageHeader } from '@/components/ui/page-header';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  // A personal link is nobody's business but its holder's: keep it out of search engines.
  return { title: `${t('confirmLink.title')} · ${tc('appName')}`, robots: { index: false, follow: false } };
}

/** Public (SPEC §4): the resolution behind the "please confirm" mail's signed link, accepted or disputed without an account. */
export default async function ResolutionLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t, timeZone] = await Promise.all([params, getTranslations('intake'), getTimeZone()]);
  return (
    <PublicShell>
      <PageHeader title={t('confirmLink.title')} subtitle={t('confirmLink.subtitle')} />
      <ResolutionLinkView token={token} timeZone={timeZone} />
    </PublicShell>
  );
}
