import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { prisma } from '@/server/db';
import { appendHistory } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { lockAdmins, removesLastAdmin } from '@/server/domain-registry';
import { hashPassword } from './passwords';
import { forgetAccount } from './sessions';
import type { SignedInUser } from './sign-in';
import { domainAllowed, mappedRole, type SsoConfig } from './sso-config';

/** Why an SSO sign-in was refused: a key of messages/<locale>/home.json `signIn.sso.refused`. */
export type SsoRefusal = 'noEmail' | 'domain' | 'noAccount' | 'pending' | 'inactive' | 'customer';
export type SsoOutcome = { user: SignedInUser } | { refused: SsoRefusal };

const ZClaims = z.object({
  sub: z.string().min(1),
  email: z.email().max(200).optional(),
  email_verified: z.boolean().optional(),
  name: z.string().max(200).optional(),
});

const staffViewer = (user: { id: string; role: string; departmentId: string | null }): Viewer => ({
  kind: 'staff',
  userId: user.id,
  role: user.role as Extract<Viewer, { kind: 'staff' }>['role'],
  departmentId: user.departmentId,
});

/**
 * The sign-in of a person the OpenID provider vouched for (the ID token's claims, already verified by next-auth):
 * staff only, by e-mail. An allowed domain and a verified e-mail are required; a known account must be active staff,
 * and takes the role its groups map to (never the last active administrator's demotion); an unknown one is created
 * per the provisioning mode. Every sign-in, refusal of a known account and creation goes to the history.
 */
export async function signInWithSso(config: SsoConfig, claims: Record<string, unknown>): Promise<SsoOutcome> {
  const parsed = ZClaims.safeParse(claims);
  if (!parsed.success || !parsed.data.email || parsed.data.email_verified === false) return { refused: 'noEmail' };
  const email = parsed.data.email.toLowerCase();
  if (!domainAllowed(config, email)) return { refused: 'domain' };
  const role = mappedRole(config, claims);
  const outcome = await prisma.$transaction(async (tx): Promise<SsoOutcome> => {
    await lockAdmins(tx);
    const existing = await tx.user.findUnique({ where: { email } });
    if (!existing) {
      if (config.provisioning === 'off') return { refused: 'noAccount' };
      const active = config.provisioning === 'default';
      const created = await tx.user.create({
        data: {
          email,
          name: parsed.data.name?.trim() || email.slice(0, email.indexOf('@')),
          // No usable password: the account signs in through the provider (an admin may set one later).
          passwordHash: await hashPassword(randomBytes(24).toString('base64')),
          role: role ?? config.defaultRole,
          active,
          lastLoginAt: active ? new Date() : null,
        },
      });
      await appendHistory(tx, staffViewer(created), {
        entityType: 'User',
        entityId: created.id,
        action: 'CREATE',
        toState: created.role,
        comment: `SSO ${config.issuer} (${parsed.data.sub})`,
        changes: { via: 'sso', active, role: created.role },
      });
      if (!active) return { refused: 'pending' };
      await appendHistory(tx, staffViewer(created), {
        entityType: 'User',
        entityId: created.id,
        action: 'SSO_SIGN_IN',
      });
      return { user: created };
    }
    const refusal: SsoRefusal | null = existing.role === 'CUSTOMER' ? 'customer' : !existing.active ? 'inactive' : null;
    if (refusal) {
      await appendHistory(tx, staffViewer(existing), {
        entityType: 'User',
        entityId: existing.id,
        action: 'SSO_SIGN_IN_REFUSED',
        comment: refusal,
      });
      return { refused: refusal };
    }
    let nextRole = existing.role;
    if (role && role !== existing.role) {
      const others = await tx.user.count({ where: { role: 'ADMIN', active: true, id: { not: existing.id } } });
      if (!removesLastAdmin(existing, { role, active: true }, others)) nextRole = role;
    }
    const user = await tx.user.update({
      where: { id: existing.id },
      data: {
        lastLoginAt: new Date(),
        ...(nextRole !== existing.role ? { role: nextRole, version: { increment: 1 } } : {}),
      },
    });
    await appendHistory(tx, staffViewer(user), {
      entityType: 'User',
      entityId: user.id,
      action: 'SSO_SIGN_IN',
      fromState: existing.role,
      toState: user.role,
      ...(nextRole !== existing.role ? { changes: { role: { from: existing.role, to: nextRole } } } : {}),
    });
    return { user };
  });
  if ('user' in outcome) {
    // A role change ended the account's earlier sessions (trigger User_end_sessions): read its version afresh.
    const { id, name, role: userRole, customerId } = outcome.user;
    const { sessionVersion } = await prisma.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } });
    forgetAccount(id);
    return { user: { id, name, email, role: userRole, customerId, sessionVersion } };
  }
  return outcome;
}
