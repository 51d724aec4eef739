import { getTimeZone, getTranslations } from 'next-intl/server';
import { PublicShell } from '@/components/interactions/public-shell';
import { TrackForm } from '@/components/interactions/track-form';
import { PageHeader } from '@/components/ui/page-header';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('intake', 'track.title');

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
