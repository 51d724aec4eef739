import { ConsoleInteractionList } from '@/components/interactions/console-interaction-list';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('intake', 'console.list.title');

/** The console list of every interaction; the data comes through GraphQL in the client component. */
export default staffPage({}, ({ can }) => <ConsoleInteractionList canWrite={can('interactions:write')} />);
