import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Viewer } from '@/server/viewer';
import { sessionToken } from './request-viewer';
import { sessionFor } from './sessions';

const signedIn = async () => sessionFor(await sessionToken(await headers()));

/** For server components: the signed-in staff member, or a redirect to the console sign-in page (also when the session ended). */
export async function requireStaffPage(): Promise<{ viewer: Extract<Viewer, { kind: 'staff' }>; name: string }> {
  const session = await signedIn();
  if (session?.viewer.kind !== 'staff') redirect('/console/login');
  return { viewer: session.viewer, name: session.name };
}

/** For server components: the signed-in customer account, or a redirect to the portal sign-in page (also when the session ended). */
export async function requireCustomerPage(): Promise<{ viewer: Extract<Viewer, { kind: 'customer' }>; name: string }> {
  const session = await signedIn();
  if (session?.viewer.kind !== 'customer') redirect('/portal/login');
  return { viewer: session.viewer, name: session.name };
}
