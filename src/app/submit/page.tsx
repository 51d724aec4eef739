import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { IntakeForm } from '@/components/interactions/intake-form';
import { PublicShell } from '@/components/interactions/public-shell';
import { PageHeader } from '@/components/ui/page-header';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('form.anonymousTitle')} · ${tc('appName')}` };
}

/** Public: a visitor who is not signed in lodges a complaint, consultation, inquiry or suggestion (SPEC §3). */
export default async function SubmitPage() {
  const t = await getTranslations('intake');
  return (
    <PublicShell>
      <PageHeader title={t('form.anonymousTitle')} subtitle={t('form.anonymousSubtitle')} />
      <IntakeForm mode="anonymous" />
    </PublicShell>
  );
}
