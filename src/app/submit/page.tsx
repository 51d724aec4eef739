import { getTranslations } from 'next-intl/server';
import { IntakeForm } from '@/components/interactions/intake-form';
import { PublicShell } from '@/components/interactions/public-shell';
import { PageHeader } from '@/components/ui/page-header';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('intake', 'form.anonymousTitle');

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
