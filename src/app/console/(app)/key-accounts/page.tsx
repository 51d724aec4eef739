import { KeyAccountsScreen } from '@/components/key-accounts/key-accounts-screen';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('keyAccounts', 'title');

export default staffPage({ permission: 'keyaccounts:read' }, ({ can }) => (
  <KeyAccountsScreen canWrite={can('keyaccounts:write')} canDecide={can('keyaccounts:decide')} />
));
