import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import type { Role } from '@/generated/prisma/enums';
import { forgetApiKey, generateApiKey } from '@/server/auth/api-keys';
import { hashPassword } from '@/server/auth/passwords';
import { API_SCOPES, SERVICE_ACCOUNT_SCOPES, requirePermission } from '@/server/auth/policies';
import { forgetAccount } from '@/server/auth/sessions';
import { prisma } from '@/server/db';
import { badField, badInput, notFound } from '@/server/errors';
import { appendHistory } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { ACCOUNT_ROLES, API_KEY_LIMITS, USER_LIMITS } from './admin.rules';
import { zRateLimit } from './api-key.service';
import { errorKey, zodFieldErrors } from '@/server/error-keys';
import { isUuid } from '../cursor';
import { lockAdmins, refuseLastAdminRemoval } from '../directory/directory.service';

const ZCreateApiKey = z.object({
  // Required and too long are worded by the generic keys (validation.required, validation.tooLong {max}).
  name: z.string().trim().min(1).max(API_KEY_LIMITS.nameMaxLength),
  scopes: z
    .array(z.string())
    .min(1, { message: errorKey('admin.scopesRequired') })
    .refine((scopes) => scopes.every((s) => (API_SCOPES as readonly string[]).includes(s)), {
      message: errorKey('admin.scopeUnknown'),
    }),
  expiresAt: z.date().nullish(),
  rateLimitPerMinute: zRateLimit.nullish(),
});

export async function listApiKeys(viewer: Viewer) {
  requirePermission(viewer, 'apiKeys:manage');
  return prisma.apiKey.findMany({ orderBy: { createdAt: 'desc' } });
}

/** Creates a key; the plain key is returned once and only its SHA-256 hash is stored. */
export async function createApiKey(viewer: Viewer, input: unknown, now = new Date()) {
  requirePermission(viewer, 'apiKeys:manage');
  const parsed = ZCreateApiKey.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  if (parsed.data.expiresAt && parsed.data.expiresAt <= now) throw badField('expiresAt', 'admin.expiryInPast');
  const { key, prefix, keyHash } = generateApiKey();
  const scopes = [...new Set(parsed.data.scopes)];
  const apiKey = await prisma.$transaction(async (tx) => {
    // A key that takes workflow steps acts as a named service account: a user of its own, so approvals, closures,
    // recorded callbacks and the history name it as they name a person. Inactive and without a usable password, it
    // cannot sign in, is offered in no picker and is assigned no work.
    const serviceAccount = scopes.some((s) => (SERVICE_ACCOUNT_SCOPES as readonly string[]).includes(s))
      ? await tx.user.create({
          data: {
            email: `api-key-${randomUUID()}@service-account.invalid`,
            name: parsed.data.name,
            role: 'SERVICE_AGENT',
            passwordHash: '!',
            active: false,
          },
          select: { id: true },
        })
      : null;
    const created = await tx.apiKey.create({
      data: {
        serviceAccountId: serviceAccount?.id ?? null,
        name: parsed.data.name,
        scopes,
        expiresAt: parsed.data.expiresAt ?? null,
        rateLimitPerMinute: parsed.data.rateLimitPerMinute ?? null,
        prefix,
        keyHash,
        createdById: viewer.kind === 'staff' ? viewer.userId : null,
      },
    });
    await appendHistory(tx, viewer, {
      entityType: 'ApiKey',
      entityId: created.id,
      action: 'CREATE',
      toState: 'ACTIVE',
      changes: { scopes: created.scopes },
    });
    return created;
  });
  return { apiKey, key };
}

export async function revokeApiKey(viewer: Viewer, id: string, now = new Date()) {
  requirePermission(viewer, 'apiKeys:manage');
  if (!isUuid(id)) throw notFound('ApiKey');
  const result = await prisma.$transaction(async (tx) => {
    const existing = await tx.apiKey.findUnique({ where: { id } });
    if (!existing) throw notFound('ApiKey');
    if (existing.revokedAt) return existing;
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: now } });
    await appendHistory(tx, viewer, {
      entityType: 'ApiKey',
      entityId: id,
      action: 'REVOKE',
      fromState: 'ACTIVE',
      toState: 'REVOKED',
    });
    return revoked;
  });
  forgetApiKey(id); // the key stops working in this process now, in other instances within the auth cache's TTL
  return result;
}

export async function listUsers(viewer: Viewer, args: { role?: Role | null; search?: string | null }) {
  requirePermission(viewer, 'customers:read'); // staff directory: owner pickers need it
  if (viewer.kind !== 'staff') requirePermission(viewer, 'users:manage');
  const search = args.search?.trim();
  return prisma.user.findMany({
    where: {
      ...(args.role ? { role: args.role } : { role: { not: 'CUSTOMER' } }),
      ...(search
        ? {
            OR: [
              { name: { contains: search, mode: 'insensitive' } },
              { email: { contains: search, mode: 'insensitive' } },
            ],
          }
        : {}),
    },
    orderBy: { name: 'asc' },
    take: 500,
  });
}

export async function listDepartments(viewer: Viewer) {
  requirePermission(viewer, 'customers:read');
  return prisma.department.findMany({ orderBy: { code: 'asc' } });
}

const ZCreateUser = z
  .object({
    // Worded by the generic keys: validation.invalidEmail, validation.required, validation.tooShort {min}, tooLong {max}.
    email: z.email().max(USER_LIMITS.emailMaxLength),
    name: z.string().trim().min(1).max(USER_LIMITS.nameMaxLength),
    password: z.string().min(USER_LIMITS.passwordMinLength).max(USER_LIMITS.passwordMaxLength),
    role: z.enum(ACCOUNT_ROLES),
    departmentId: z.uuid().nullish(),
    customerId: z.uuid().nullish(),
  })
  .refine((u) => u.role !== 'CUSTOMER' || !!u.customerId, {
    message: errorKey('admin.customerAccountNeedsCustomer'),
    path: ['customerId'],
  })
  .refine((u) => u.role === 'CUSTOMER' || !u.customerId, {
    message: errorKey('admin.staffAccountNoCustomer'),
    path: ['customerId'],
  });

export async function createUser(viewer: Viewer, input: unknown) {
  requirePermission(viewer, 'users:manage');
  const parsed = ZCreateUser.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  const { password, email, ...rest } = parsed.data;
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { ...rest, email: email.toLowerCase(), passwordHash: await hashPassword(password) },
      });
      await appendHistory(tx, viewer, { entityType: 'User', entityId: user.id, action: 'CREATE', toState: user.role });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw badField('email', 'admin.emailTaken');
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003')
      throw badInput('admin.relatedRecordMissing');
    throw error;
  }
}

export async function setUserActive(viewer: Viewer, id: string, active: boolean) {
  requirePermission(viewer, 'users:manage');
  if (!isUuid(id)) throw notFound('User');
  if (viewer.kind === 'staff' && viewer.userId === id && !active) throw badField('id', 'admin.cannotDeactivateSelf');
  const result = await prisma.$transaction(async (tx) => {
    await lockAdmins(tx);
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound('User');
    await refuseLastAdminRemoval(tx, user, { role: user.role, active });
    const updated = await tx.user.update({ where: { id }, data: { active, version: { increment: 1 } } });
    await appendHistory(tx, viewer, {
      entityType: 'User',
      entityId: id,
      action: active ? 'ACTIVATE' : 'DEACTIVATE',
      fromState: String(user.active),
      toState: String(active),
    });
    return updated;
  });
  // The database ended the account's sessions with the change (trigger User_end_sessions); forget the cached copy so
  // this process sees it now, other instances within the auth cache's TTL.
  forgetAccount(id);
  return result;
}
