import { getToken } from 'next-auth/jwt';
import type { NextRequest } from 'next/server';
import { prisma } from '@/server/db';
import { anonymous, type Viewer } from '@/server/viewer';
import { viewerForApiKey } from './api-keys';
import { isStaffRole } from './policies';

/** The Viewer for a user id, reloaded from the database so role changes and deactivation apply at once. */
export async function viewerForUser(userId: string): Promise<Viewer> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, departmentId: true, customerId: true, active: true },
  });
  if (!user || !user.active) return anonymous;
  if (isStaffRole(user.role)) return { kind: 'staff', userId: user.id, role: user.role, departmentId: user.departmentId };
  return user.customerId ? { kind: 'customer', userId: user.id, customerId: user.customerId } : anonymous;
}

/**
 * Who sent this request: an API client (Authorization: Bearer kf_…), a signed-in user (next-auth session cookie),
 * or nobody. A bearer header that does not name a valid key is treated as unauthenticated, never as the cookie.
 */
export async function viewerFromRequest(req: NextRequest): Promise<Viewer> {
  const authorization = req.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return (match && (await viewerForApiKey(match[1]!))) || anonymous;
  }
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  return token?.uid ? viewerForUser(token.uid) : anonymous;
}
