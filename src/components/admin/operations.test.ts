import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../../../tests/helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../../../tests/helpers/graphql';
import {
  AdminApiKeysQuery,
  AdminCreateApiKeyMutation,
  AdminCreateUserMutation,
  AdminCustomerPickerQuery,
  AdminDepartmentsQuery,
  AdminRevokeApiKeyMutation,
  AdminSetUserActiveMutation,
  AdminUsersQuery,
} from './operations';

// The admin screens' own documents, run through the real Apollo pipeline: they must validate against the schema,
// do what the screens expect for an admin, and be refused for anyone else.
const run = <R, V>(viewer: Viewer, doc: TypedDocumentNode<R, V>, variables: Record<string, unknown> = {}) => gqlOk<R>(viewer, print(doc), variables);
const attempt = <R, V>(viewer: Viewer, doc: TypedDocumentNode<R, V>, variables: Record<string, unknown> = {}) => gqlAs<R>(viewer, print(doc), variables);

let admin: Viewer;
let agent: Viewer;

beforeAll(async () => {
  admin = (await createStaff('ADMIN')).viewer;
  agent = (await createStaff('SERVICE_AGENT')).viewer;
});

describe('API key screen operations', () => {
  it('creates a key, returns the plain key once, lists it and revokes it', async () => {
    const created = await run(admin, AdminCreateApiKeyMutation, { input: { name: 'ERP 同步', scopes: ['customers:read'], expiresAt: '2099-12-31T15:59:59.000Z' } });
    expect(created.createApiKey.key.startsWith(created.createApiKey.apiKey.prefix)).toBe(true);

    const listed = await run(admin, AdminApiKeysQuery);
    expect(listed.apiScopes).toContain('customers:read');
    const row = listed.apiKeys.find((k) => k.id === created.createApiKey.apiKey.id);
    expect(row).toMatchObject({ name: 'ERP 同步', scopes: ['customers:read'], revokedAt: null, expiresAt: '2099-12-31T15:59:59.000Z' });
    expect(row?.createdBy?.id).toBe(admin.kind === 'staff' ? admin.userId : undefined);
    expect(JSON.stringify(listed)).not.toContain(created.createApiKey.key);

    const revoked = await run(admin, AdminRevokeApiKeyMutation, { id: row?.id });
    expect(revoked.revokeApiKey.revokedAt).not.toBeNull();
  });

  it('reports field errors the form can show', async () => {
    const result = await attempt(admin, AdminCreateApiKeyMutation, { input: { name: ' ', scopes: [] } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(Object.keys((result.errors?.[0]?.extensions?.fields as Record<string, string>) ?? {}).sort()).toEqual(['name', 'scopes']);
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
      input: { email: 'Portal@Example.cn', name: '刘经理', password: 'long-enough-1', role: 'CUSTOMER', departmentId: null, customerId: customer?.id },
    });
    expect(created.createUser).toMatchObject({ email: 'portal@example.cn', role: 'CUSTOMER', active: true, department: null });

    const staffOnly = await run(admin, AdminUsersQuery, { role: null, search: null });
    expect(staffOnly.users.some((u) => u.role === 'CUSTOMER')).toBe(false);
    const customers = await run(admin, AdminUsersQuery, { role: 'CUSTOMER', search: '刘' });
    expect(customers.users.map((u) => u.email)).toEqual(['portal@example.cn']);

    const deactivated = await run(admin, AdminSetUserActiveMutation, { id: created.createUser.id, active: false });
    expect(deactivated.setUserActive.active).toBe(false);
  });

  it('reports a short password and a missing customer as field errors', async () => {
    const result = await attempt(admin, AdminCreateUserMutation, { input: { email: 'x@example.cn', name: 'X', password: 'short', role: 'CUSTOMER' } });
    const fields = (result.errors?.[0]?.extensions?.fields as Record<string, string>) ?? {};
    expect(Object.keys(fields).sort()).toEqual(['customerId', 'password']);
  });

  it('refuses an admin deactivating themselves, and staff without users:manage', async () => {
    const self = await attempt(admin, AdminSetUserActiveMutation, { id: admin.kind === 'staff' ? admin.userId : '', active: false });
    expect(errorCodes(self)).toEqual(['BAD_USER_INPUT']);
    const other = await attempt(agent, AdminCreateUserMutation, { input: { email: 'y@example.cn', name: 'Y', password: 'long-enough-1', role: 'ADMIN' } });
    expect(errorCodes(other)).toContain('FORBIDDEN');
  });
});
