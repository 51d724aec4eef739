import { print } from 'graphql';
import { prisma } from '@/server/db';
import { enqueueMail, QUEUES, queueSchema, startQueue, stopQueue } from '@/server/queue/boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getFragmentData } from '@/gql';
import { USER_LIMITS } from '@/graphql/admin/admin.rules';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import {
  AdminApiKeyRowFragment,
  AdminApiKeysQuery,
  AdminCreateApiKeyMutation,
  AdminCreateUserMutation,
  AdminCustomerPickerQuery,
  AdminDepartmentsQuery,
  AdminJobQueuesQuery,
  AdminRevokeApiKeyMutation,
  AdminSetUserActiveMutation,
  AdminUserRowFragment,
  AdminUsersQuery,
} from '@/components/admin/operations';

// The admin screens' own documents, run through the real Apollo pipeline: they must validate against the schema,
// do what the screens expect for an admin, and be refused for anyone else.
const run = <R, V>(viewer: Viewer, doc: TypedDocumentNode<R, V>, variables: Record<string, unknown> = {}) =>
  gqlOk<R>(viewer, print(doc), variables);
const attempt = <R, V>(viewer: Viewer, doc: TypedDocumentNode<R, V>, variables: Record<string, unknown> = {}) =>
  gqlAs<R>(viewer, print(doc), variables);

let admin: Viewer;
let agent: Viewer;

beforeAll(async () => {
  admin = (await createStaff('ADMIN')).viewer;
  agent = (await createStaff('SERVICE_AGENT')).viewer;
});

describe('API key screen operations', () => {
  it('creates a key, returns the plain key once, lists it and revokes it', async () => {
    const created = await run(admin, AdminCreateApiKeyMutation, {
      input: { name: 'ERP 同步', scopes: ['customers:read'], expiresAt: '2099-12-31T15:59:59.000Z' },
    });
    const apiKey = getFragmentData(AdminApiKeyRowFragment, created.createApiKey.apiKey);
    expect(created.createApiKey.key.startsWith(apiKey.prefix)).toBe(true);

    const listed = await run(admin, AdminApiKeysQuery);
    expect(listed.apiScopes).toContain('customers:read');
    const row = getFragmentData(AdminApiKeyRowFragment, listed.apiKeys).find((k) => k.id === apiKey.id);
    expect(row).toMatchObject({
      name: 'ERP 同步',
      scopes: ['customers:read'],
      revokedAt: null,
      expiresAt: '2099-12-31T15:59:59.000Z',
    });
    expect(row?.createdBy?.id).toBe(admin.kind === 'staff' ? admin.userId : undefined);
    expect(JSON.stringify(listed)).not.toContain(created.createApiKey.key);

    const revoked = await run(admin, AdminRevokeApiKeyMutation, { id: row?.id });
    expect(getFragmentData(AdminApiKeyRowFragment, revoked.revokeApiKey).revokedAt).not.toBeNull();
  });

  it('reports field errors the form can show', async () => {
    const result = await attempt(admin, AdminCreateApiKeyMutation, { input: { name: ' ', scopes: [] } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.fields).toEqual({
      name: { key: 'validation.required', params: { min: 1 } },
      scopes: { key: 'admin.scopesRequired', params: { min: 1 } },
    });
    // The schema's own reasons reach the form as keys (translated there), not as the generic "invalid".
    const unknown = await attempt(admin, AdminCreateApiKeyMutation, { input: { name: 'K', scopes: ['nope:read'] } });
    expect(unknown.errors?.[0]?.extensions?.fields).toEqual({ scopes: { key: 'admin.scopeUnknown' } });
  });

  it('is refused to staff without apiKeys:manage', async () => {
    expect(errorCodes(await attempt(agent, AdminApiKeysQuery))).toContain('FORBIDDEN');
  });
});

describe('user screen operations', () => {
  it('creates a customer account linked through the picker, filters by role and deactivates it', async () => {
    await createCustomerRecord({ name: '华东精密汽配有限公司' });
    const picked = await run(admin, AdminCustomerPickerQuery, { search: '华东' });
    const customer = picked.customers.nodes[0];
    expect(customer?.name).toBe('华东精密汽配有限公司');

    const { departments } = await run(admin, AdminDepartmentsQuery);
    expect(Array.isArray(departments)).toBe(true);

    const created = await run(admin, AdminCreateUserMutation, {
      input: {
        email: 'Portal@Example.cn',
        name: '刘经理',
        password: 'long-enough-1',
        role: 'CUSTOMER',
        departmentId: null,
        customerId: customer?.id,
      },
    });
    expect(created.createUser).toMatchObject({
      email: 'portal@example.cn',
      role: 'CUSTOMER',
      active: true,
      department: null,
    });

    const staffOnly = await run(admin, AdminUsersQuery, { role: null, search: null });
    expect(getFragmentData(AdminUserRowFragment, staffOnly.users).some((u) => u.role === 'CUSTOMER')).toBe(false);
    const customers = await run(admin, AdminUsersQuery, { role: 'CUSTOMER', search: '刘' });
    expect(getFragmentData(AdminUserRowFragment, customers.users).map((u) => u.email)).toEqual(['portal@example.cn']);

    const createdUser = getFragmentData(AdminUserRowFragment, created.createUser);
    const deactivated = await run(admin, AdminSetUserActiveMutation, { id: createdUser.id, active: false });
    expect(getFragmentData(AdminUserRowFragment, deactivated.setUserActive).active).toBe(false);
  });

  it('reports a short password and a missing customer as field errors', async () => {
    const result = await attempt(admin, AdminCreateUserMutation, {
      input: { email: 'x@example.cn', name: 'X', password: 'short', role: 'CUSTOMER' },
    });
    expect(result.errors?.[0]?.extensions?.fields).toEqual({
      customerId: { key: 'admin.customerAccountNeedsCustomer' },
      password: { key: 'validation.tooShort', params: { min: USER_LIMITS.passwordMinLength } },
    });
    const record = await createCustomerRecord({ name: '员工不可关联的客户' });
    const staffWithCustomer = await attempt(admin, AdminCreateUserMutation, {
      input: {
        email: 'y@example.cn',
        name: 'Y',
        password: 'long enough password',
        role: 'SERVICE_AGENT',
        departmentId: null,
        customerId: record.id,
      },
    });
    expect(staffWithCustomer.errors?.[0]?.extensions?.fields).toEqual({
      customerId: { key: 'admin.staffAccountNoCustomer' },
    });
  });

  it('refuses an admin deactivating themselves, and staff without users:manage', async () => {
    const self = await attempt(admin, AdminSetUserActiveMutation, {
      id: admin.kind === 'staff' ? admin.userId : '',
      active: false,
    });
    expect(errorCodes(self)).toEqual(['BAD_USER_INPUT']);
    const other = await attempt(agent, AdminCreateUserMutation, {
      input: { email: 'y@example.cn', name: 'Y', password: 'long-enough-1', role: 'ADMIN' },
    });
    expect(errorCodes(other)).toContain('FORBIDDEN');
  });
});

describe('background jobs screen operations', () => {
  afterAll(() => stopQueue(5_000));

  it('shows the depth of every queue to an admin: waiting, delayed, failed in the last day, the oldest wait', async () => {
    const boss = await startQueue({ schedule: false }); // no workers: what is queued stays queued
    await prisma.$transaction((tx) =>
      enqueueMail(
        tx,
        'customer',
        [1, 2, 3].map((i) => ({ to: `k${i}@kunde.cn`, subject: `回执 ${i}`, text: '正文' })),
      ),
    );
    await prisma.$transaction((tx) =>
      enqueueMail(tx, 'staff', [{ to: 'manager@kefu.cn', subject: '升级', text: '正文' }]),
    );
    await prisma.$executeRawUnsafe(
      `UPDATE "${queueSchema()}".job SET created_on = now() - interval '10 minutes' WHERE name = $1 AND data->>'subject' = '回执 1'`,
      QUEUES.customerMail,
    );
    // A mail retried later, and one that failed for good.
    const [retried, dead] = await boss.fetch(QUEUES.customerMail, { batchSize: 2 });
    await boss.fail(QUEUES.customerMail, retried!.id);
    await prisma.$executeRawUnsafe(`UPDATE "${queueSchema()}".job SET retry_limit = 0 WHERE id = $1::uuid`, dead!.id);
    await boss.fail(QUEUES.customerMail, dead!.id);

    const { jobQueues } = await run(admin, AdminJobQueuesQuery);
    expect(jobQueues.map((q) => q.kind)).toEqual([
      'STAFF_MAIL',
      'CUSTOMER_MAIL',
      'ESCALATION_SWEEP',
      'SURVEY_SWEEP',
      'HOUSEKEEPING',
    ]);
    const customer = jobQueues.find((q) => q.kind === 'CUSTOMER_MAIL')!;
    expect(customer).toMatchObject({ name: 'send-mail-customer', queued: 1, delayed: 1, active: 0, failedLastDay: 1 });
    const staff = jobQueues.find((q) => q.kind === 'STAFF_MAIL')!;
    expect(staff).toMatchObject({ queued: 1, delayed: 0, active: 0, failedLastDay: 0 });
    expect(staff.oldestWaitingSeconds).toBeLessThan(60);
    expect(jobQueues.find((q) => q.kind === 'ESCALATION_SWEEP')).toMatchObject({
      queued: 0,
      oldestWaitingSince: null,
      oldestWaitingSeconds: null,
    });
  });

  it('is the administrator’s only', async () => {
    expect(errorCodes(await attempt(agent, AdminJobQueuesQuery))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await attempt({ kind: 'anonymous' }, AdminJobQueuesQuery))).toEqual(['UNAUTHENTICATED']);
  });
});
