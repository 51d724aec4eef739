import { getTimeZone } from 'next-intl/server';
import { ServiceRulesScreen } from '@/components/service-rules/service-rules-screen';
import { now } from '@/server/clock';
import { todayIn } from '@/lib/format';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('serviceRules', 'title');

export default staffPage({ permission: 'settings:read' }, async ({ can }) => {
  const year = Number(todayIn(await getTimeZone(), now()).slice(0, 4));
  return (
    <ServiceRulesScreen
      canManage={can('settings:manage')}
      initialYear={year}
      keyAccounts={{ read: can('keyaccounts:read'), decide: can('keyaccounts:decide') }}
      visits={{ read: can('visits:read'), approve: can('visits:approve') }}
    />
  );
});
