import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SurveyLinkForm } from '@/components/surveys/survey-link-form';
import { SurveyPublicShell } from '@/components/surveys/survey-public-shell';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('surveys.respond'), getTranslations('common')]);
  // A personal link is nobody's business but its holder's: keep it out of search engines.
  return { title: `${t('shellTitle')} · ${tc('appName')}`, robots: { index: false, follow: false } };
}

/** Public (SPEC §6): the survey behind a personal link, answered without signing in; one response per link. */
export default async function SurveyLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <SurveyPublicShell>
      <SurveyLinkForm token={token} />
    </SurveyPublicShell>
  );
}
