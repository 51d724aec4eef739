import { getTranslations } from 'next-intl/server';
import { RecordInteractionForm } from '@/components/interactions/record-interaction-form';
import { PageHeader } from '@/components/ui/page-header';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('intake', 'console.record.title');

export default staffPage({}, async ({ can }) => {
  const t = await getTranslations('intake');
  return (
    <div className="space-y-5">
      <PageHeader title={t('console.record.title')} subtitle={t('console.record.subtitle')} />
      {can('interactions:write') ? (
        <RecordInteractionForm />
      ) : (
        <p role="alert" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {t('errors.forbidden')}
        </p>
      )}
    </div>
  );
});
