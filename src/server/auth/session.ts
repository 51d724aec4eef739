import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { authOptions } from './options';
import { viewerForUser } from './request-viewer';
import type { Viewer } from '@/server/viewer';

/** For server components: the signed-in staff member, or a redirect to the console sign-in page. */
export async function requireStaffPage(): Promise<{ viewer: Extract<Viewer, { kind: 'staff' }>; name: string }> {
  const session = await getServerSession(authOptions);
  const viewer = session?.user ? await viewerForUser(session.user.id) : null;
  if (!session || viewer?.kind !== 'staff') redirect('/console/login');
  return { viewer, name: session.user.name };
}

/** For server components: the signed-in customer account, or a redirect to the portal sign-in page. */
export async function requireCustomerPage(): Promise<{ viewer: Extract<Viewer, { kind: 'customer' }>; name: string }> {
  const session = await getServerSession(authOptions);
  const viewer = session?.user ? await viewerForUser(session.user.id) : null;
  if (!session || viewer?.kind !== 'customer') redirect('/portal/login');
  return { viewer, name: session.user.name };
}
