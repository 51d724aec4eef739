import type { Metadata } from 'next';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { PublicShell } from '@/components/interactions/public-shell';
import { TrackForm } from '@/components/interactions/track-form';
import { PageHeader } from '@/components/ui/page-header';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('track.title')} · ${tc('appName')}` };
}

/** Public: status and customer-facing timeline by number + phone (SPEC §3). */
export default async function TrackPage({ searchParams }: { searchParams: Promise<{ number?: string | string[] }> }) {
  const [{ number }, t, timeZone] = await Promise.all([searchParams, getTranslations('intake'), getTimeZone()]);
  return (
    <PublicShell>
      <PageHeader title={t('track.title')} subtitle={t('track.subtitle')} />
      <TrackForm initialNumber={typeof number === 'string' ? number : ''} timeZone={timeZone} />
    </PublicShell>
  );
}
