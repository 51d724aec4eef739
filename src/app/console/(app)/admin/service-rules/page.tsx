import type { Metadata } from 'next';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { NoPermission } from '@/components/admin/no-permission';
import { ServiceRulesScreen } from '@/components/service-rules/service-rules-screen';
import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';
import { now } from '@/server/clock';
import { todayIn } from '@/lib/format';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('serviceRules'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

export default async function ServiceRulesPage() {
  const { viewer } = await requireStaffPage();
  const permissions = ROLE_PERMISSIONS[viewer.role];
  // The API refuses too; staff without settings:read never get the screen at all.
  if (!permissions.includes('settings:read')) return <NoPermission />;
  const year = Number(todayIn(await getTimeZone(), now()).slice(0, 4));
  return <ServiceRulesScreen canManage={permissions.includes('settings:manage')} initialYear={year} />;
}
