import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getFragmentData } from '@/gql';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import {
  AdminAuditLogQuery,
  AdminCreateDepartmentMutation,
  AdminDepartmentListQuery,
  AdminDepartmentRowFragment,
  AdminUpdateDepartmentMutation,
  AdminUpdateUserMutation,
} from '@/components/admin/directory-operations';
import { AdminSetUserActiveMutation, AdminUserRowFragment } from '@/components/admin/operations';
import { createApiKeyRow, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// Departments, account edits and the audit log (issue 15 item 5) through the screens' own documents and the real Apollo
// pipeline: version checks, the last administrator, deactivation rules, the audit entries and who may do any of it.
const run = <R, V>(viewer: Viewer, doc: TypedDocumentNode<R, V>, variables: Record<string, unknown> = {}) =>
  gqlOk<R>(viewer, print(doc), variables);
const attempt = <R, V>(viewer: Viewer, doc: TypedDocumentNode<R, V>, variables: Record<string, unknown> = {}) =>
  gqlAs<R>(viewer, print(doc), variables);
const fieldsOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.fields as Record<string, { key: string }> | undefined;

let admin: Viewer;
let adminId: string;
let agent: Viewer;

beforeAll(async () => {
  const a = await createStaff('ADMIN');
  admin = a.viewer;
  adminId = a.user.id;
  agent = (await createStaff('SERVICE_AGENT')).viewer;
});

async function newDepartment(code: string, name = `部门${code}`, headId: string | null = null) {
  const created = await run(admin, AdminCreateDepartmentMutation, { input: { code, name, headId } });
  return getFragmentData(AdminDepartmentRowFragment, created.createDepartment);
}

describe('departments', () => {
  it('creates (code upper-cased), renames, names a head and lists members; codes are unique', async () => {
    const head = await createStaff('DEPARTMENT_HANDLER');
    const dept = await newDepartment('qa-east', '质量部（华东）');
    expect(dept).toMatchObject({ code: 'QA-EAST', active: true, version: 1, memberCount: 0, head: null });

    await prisma.user.update({ where: { id: head.user.id }, data: { departmentId: dept.id } });
    const updated = await run(admin, AdminUpdateDepartmentMutation, {
      id: dept.id,
      input: { name: '质量管理部（华东）', headId: head.user.id, active: true, version: 1 },
    });
    expect(getFragmentData(AdminDepartmentRowFragment, updated.updateDepartment)).toMatchObject({
      name: '质量管理部（华东）',
      version: 2,
      memberCount: 1,
      head: { id: head.user.id },
    });

    const duplicate = await attempt(admin, AdminCreateDepartmentMutation, { input: { code: 'QA-EAST', name: 'x' } });
    expect(errorCodes(duplicate)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(duplicate)?.code?.key).toBe('admin.departmentCodeTaken');
    const badCode = await attempt(admin, AdminCreateDepartmentMutation, { input: { code: '质量', name: 'x' } });
    expect(fieldsOf(badCode)?.code?.key).toBe('admin.departmentCodeShape');
  });

  it('refuses a stale version (CONFLICT) and an inactive or customer head', async () => {
    const dept = await newDepartment('SALES-N');
    const input = { name: '销售部（北区）', headId: null, active: true, version: 1 };
    await run(admin, AdminUpdateDepartmentMutation, { id: dept.id, input });
    const stale = await attempt(admin, AdminUpdateDepartmentMutation, { id: dept.id, input: { ...input, name: '旧' } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
    expect((await prisma.department.findUniqueOrThrow({ where: { id: dept.id } })).name).toBe('销售部（北区）');

    const inactive = await createStaff('SERVICE_AGENT', { active: false });
    const customer = await createCustomerUser((await createCustomerRecord()).id);
    for (const headId of [inactive.user.id, customer.user.id]) {
      const refused = await attempt(admin, AdminUpdateDepartmentMutation, {
        id: dept.id,
        input: { ...input, headId, version: 2 },
      });
      expect(fieldsOf(refused)?.headId?.key).toBe('admin.headNotActiveStaff');
    }
  });

  it('deactivates only an empty department; a deactivated one takes no new members', async () => {
    const dept = await newDepartment('SVC-W');
    const member = await createStaff('SERVICE_AGENT', { departmentId: dept.id });
    const blocked = await attempt(admin, AdminUpdateDepartmentMutation, {
      id: dept.id,
      input: { name: dept.name, headId: null, active: false, version: 1 },
    });
    expect(fieldsOf(blocked)?.active?.key).toBe('admin.departmentHasMembers');

    await prisma.user.update({ where: { id: member.user.id }, data: { departmentId: null } });
    const done = await run(admin, AdminUpdateDepartmentMutation, {
      id: dept.id,
      input: { name: dept.name, headId: null, active: false, version: 1 },
    });
    expect(getFragmentData(AdminDepartmentRowFragment, done.updateDepartment).active).toBe(false);

    const fresh = await prisma.user.findUniqueOrThrow({ where: { id: member.user.id } });
    const refused = await attempt(admin, AdminUpdateUserMutation, {
      id: fresh.id,
      input: { name: fresh.name, role: fresh.role, departmentId: dept.id, active: true, version: fresh.version },
    });
    expect(fieldsOf(refused)?.departmentId?.key).toBe('admin.departmentInactive');
  });
});

describe('accounts', () => {
  it('edits name, phone, role and department with a version check; a role change ends the sessions', async () => {
    const dept = await newDepartment('CS-1');
    const { user } = await createStaff('SERVICE_AGENT');
    const input = { name: '王小明', phone: '021-5555 0101', role: 'DISPATCHER', departmentId: dept.id, active: true };
    const saved = await run(admin, AdminUpdateUserMutation, { id: user.id, input: { ...input, version: 1 } });
    expect(getFragmentData(AdminUserRowFragment, saved.updateUser)).toMatchObject({
      name: '王小明',
      phone: '021-5555 0101',
      role: 'DISPATCHER',
      version: 2,
      department: { id: dept.id },
    });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.sessionVersion).toBeGreaterThan(user.sessionVersion);

    const stale = await attempt(admin, AdminUpdateUserMutation, {
      id: user.id,
      input: { ...input, name: '覆盖', version: 1 },
    });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe('王小明');
  });

  it('keeps portal accounts customers and staff accounts staff', async () => {
    const customer = await createCustomerUser((await createCustomerRecord()).id);
    const toStaff = await attempt(admin, AdminUpdateUserMutation, {
      id: customer.user.id,
      input: { name: 'x', role: 'ADMIN', active: true, version: 1 },
    });
    expect(fieldsOf(toStaff)?.role?.key).toBe('admin.customerAccountRole');
    const { user } = await createStaff('EXECUTIVE');
    const toCustomer = await attempt(admin, AdminUpdateUserMutation, {
      id: user.id,
      input: { name: 'x', role: 'CUSTOMER', active: true, version: 1 },
    });
    expect(fieldsOf(toCustomer)?.role?.key).toBe('admin.staffAccountRole');
  });

  it('never removes the last active administrator, by edit or by deactivation', async () => {
    // Make the suite's admin the only active one.
    await prisma.user.updateMany({ where: { role: 'ADMIN', id: { not: adminId } }, data: { active: false } });
    const me = await prisma.user.findUniqueOrThrow({ where: { id: adminId } });
    const demote = await attempt(admin, AdminUpdateUserMutation, {
      id: adminId,
      input: { name: me.name, role: 'SERVICE_MANAGER', active: true, version: me.version },
    });
    expect(errorCodes(demote)).toEqual(['CONFLICT']);
    expect(demote.errors?.[0]?.extensions?.key).toBe('admin.lastAdmin');
    expect((await prisma.user.findUniqueOrThrow({ where: { id: adminId } })).role).toBe('ADMIN');

    // With a second active admin, the second may deactivate the first; then the second is the last one.
    const rescue = await createStaff('ADMIN');
    const ok = await run(rescue.viewer, AdminSetUserActiveMutation, { id: adminId, active: false });
    expect(getFragmentData(AdminUserRowFragment, ok.setUserActive).active).toBe(false);
    const rescuer = await prisma.user.findUniqueOrThrow({ where: { id: rescue.user.id } });
    const last = await attempt(rescue.viewer, AdminUpdateUserMutation, {
      id: rescuer.id,
      input: { name: rescuer.name, role: 'EXECUTIVE', active: true, version: rescuer.version },
    });
    expect(errorCodes(last)).toEqual(['CONFLICT']);
    // The suite's admin again, for the tests that follow.
    await prisma.user.update({ where: { id: adminId }, data: { active: true } });
  });

  it('two admins demoting each other at once leave one admin', async () => {
    await prisma.user.updateMany({ where: { role: 'ADMIN', id: { not: adminId } }, data: { active: false } });
    const other = await createStaff('ADMIN');
    const [me, them] = await Promise.all([
      prisma.user.findUniqueOrThrow({ where: { id: adminId } }),
      prisma.user.findUniqueOrThrow({ where: { id: other.user.id } }),
    ]);
    const results = await Promise.all([
      attempt(admin, AdminUpdateUserMutation, {
        id: them.id,
        input: { name: them.name, role: 'EXECUTIVE', active: true, version: them.version },
      }),
      attempt(other.viewer, AdminUpdateUserMutation, {
        id: me.id,
        input: { name: me.name, role: 'EXECUTIVE', active: true, version: me.version },
      }),
    ]);
    expect(results.map(errorCodes).flat()).toEqual(['CONFLICT']);
    expect(await prisma.user.count({ where: { role: 'ADMIN', active: true } })).toBe(1);
    await prisma.user.update({ where: { id: adminId }, data: { role: 'ADMIN', active: true } });
  });
});

describe('audit log', () => {
  it('lists each admin change with who, what and from → to, newest first, filterable, paged', async () => {
    const dept = await newDepartment('AUD-1', '审计测试部');
    const { user } = await createStaff('SERVICE_AGENT', { name: '赵审计' });
    await run(admin, AdminUpdateUserMutation, {
      id: user.id,
      input: { name: '赵审计', role: 'QUALITY_MANAGER', departmentId: dept.id, active: true, version: 1 },
    });

    const page = await run(admin, AdminAuditLogQuery, { filter: { entityType: 'User' }, first: 5 });
    const entry = page.auditLog.nodes.find((n) => n.entityId === user.id);
    expect(entry).toMatchObject({ entityType: 'User', entityLabel: `赵审计 <${user.email}>` });
    expect(entry?.entry.action).toBe('UPDATE');
    expect(entry?.changeList).toEqual(
      expect.arrayContaining([
        { field: 'role', from: 'SERVICE_AGENT', to: 'QUALITY_MANAGER' },
        { field: 'departmentId', from: null, to: '审计测试部' },
      ]),
    );
    expect(page.auditLog.nodes.every((n) => n.entityType === 'User')).toBe(true);

    const departments = await run(admin, AdminAuditLogQuery, { filter: { entityType: 'Department' }, first: 1 });
    expect(departments.auditLog.totalCount).toBeGreaterThan(1);
    expect(departments.auditLog.pageInfo.hasNextPage).toBe(true);
    const next = await run(admin, AdminAuditLogQuery, {
      filter: { entityType: 'Department' },
      first: 1,
      after: departments.auditLog.pageInfo.endCursor,
    });
    expect(next.auditLog.nodes[0]?.id).not.toBe(departments.auditLog.nodes[0]?.id);
    const [a, b] = [departments.auditLog.nodes[0]!, next.auditLog.nodes[0]!];
    expect(new Date(String(b.entry.createdAt)) <= new Date(String(a.entry.createdAt))).toBe(true);

    const mine = await run(admin, AdminAuditLogQuery, { filter: { actorId: adminId }, first: 100 });
    expect(mine.auditLog.nodes.length).toBeGreaterThan(0);
    const bad = await attempt(admin, AdminAuditLogQuery, { filter: { entityType: 'Interaction' } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('who may', () => {
  it('refuses staff without users:manage, customers and API keys (whatever their scopes)', async () => {
    const customer = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
    const { row } = await createApiKeyRow(['customers:read', 'customers:write']);
    const apiClient: Viewer = { kind: 'apiClient', apiKeyId: row.id, scopes: row.scopes, name: row.name };
    const dept = (await prisma.department.findFirstOrThrow()).id;
    for (const viewer of [agent, customer, apiClient]) {
      const results = await Promise.all([
        attempt(viewer, AdminAuditLogQuery, {}),
        attempt(viewer, AdminCreateDepartmentMutation, { input: { code: 'NOPE', name: 'x' } }),
        attempt(viewer, AdminUpdateDepartmentMutation, {
          id: dept,
          input: { name: 'x', active: true, version: 1 },
        }),
        attempt(viewer, AdminUpdateUserMutation, {
          id: adminId,
          input: { name: 'x', role: 'ADMIN', active: true, version: 1 },
        }),
      ]);
      for (const result of results) expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    }
    expect(await prisma.department.count({ where: { code: 'NOPE' } })).toBe(0);
  });

  it('lets staff read departments with their head and members; customers cannot list departments', async () => {
    const head = await createStaff('DEPARTMENT_HANDLER');
    const dept = await newDepartment('READ-1', '读取部', head.user.id);
    const list = await run(agent, AdminDepartmentListQuery);
    const row = getFragmentData(AdminDepartmentRowFragment, list.departments).find((d) => d.id === dept.id);
    expect(row).toMatchObject({ code: 'READ-1', head: { id: head.user.id }, memberCount: 0, active: true });
    const customer = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
    expect(errorCodes(await attempt(customer, AdminDepartmentListQuery))).toEqual(['FORBIDDEN']);
  });
});
