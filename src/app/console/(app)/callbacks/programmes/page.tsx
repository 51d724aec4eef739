import { CallbackProgrammesScreen } from '@/components/callbacks/callback-programmes-screen';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('callbackProgrammes', 'title');

// Periodic callback programmes (001 §6.2): read with callbacks:read; managed by the service manager and the
// administrator (settings:manage with callbacks:write, as the service checks).
export default staffPage({ permission: 'callbacks:read' }, ({ can }) => (
  <CallbackProgrammesScreen canManage={can('settings:manage') && can('callbacks:write')} />
));
