import { getTranslations } from 'next-intl/server';
import { requireStaffPage } from '@/server/auth/session';

export default async function ConsoleHome() {
  const { name } = await requireStaffPage();
  const t = await getTranslations('console');
  return (
    <div>
      <h1 className="text-2xl font-semibold">{t('dashboardWelcome', { name })}</h1>
      <p className="mt-2 text-slate-600">{t('dashboardHint')}</p>
    </div>
  );
}
