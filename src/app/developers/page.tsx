import { headers } from 'next/headers';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';
import { DevelopersGuide } from '@/components/developers/developers-guide';
import { moduleDocs } from '@/graphql/sdl-reference';
import { API_SCOPES } from '@/server/auth/policies';

export const generateMetadata = titledPage('developers', 'title');

/** Integrators' documentation: staff only (anonymous visitors go to the console sign-in). */
export default staffPage({}, async () => {
  const h = await headers();
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  const origin = `${proto}://${h.get('host') ?? 'localhost:3000'}`;
  return <DevelopersGuide origin={origin} scopes={API_SCOPES} modules={moduleDocs()} />;
});
