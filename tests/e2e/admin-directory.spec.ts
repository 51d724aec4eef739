import { ADMIN_EMAIL, expect, test } from './fixtures';

// Issue 15 item 5 in the Chinese UI: the administrator creates a department and names its head, moves an account into
// it with a new role, and reads both changes in the audit log (from → to, with names, not ids).
test('the admin keeps departments and accounts, and the audit log shows who changed what', async ({
  page,
  signInAs,
  createUser,
}) => {
  const stamp = Date.now().toString(36).toUpperCase();
  await createUser({ role: 'DEPARTMENT_HANDLER', name: `部门长${stamp}` });
  const member = await createUser({ role: 'SERVICE_AGENT', name: `坐席${stamp}` });
  await signInAs(page, 'console', ADMIN_EMAIL);

  // A department with a head.
  await page.goto('/console/admin/departments');
  await expect(page.getByRole('heading', { name: '部门', exact: true })).toBeVisible();
  await page.getByTestId('department-create').click();
  const dialog = page.getByTestId('department-dialog');
  await dialog.getByTestId('department-code').fill(`qa-${stamp}`);
  await dialog.getByTestId('department-name').fill(`质量保证部${stamp}`);
  await dialog.getByTestId('department-head').selectOption({ label: `部门长${stamp}` });
  await dialog.getByTestId('department-submit').click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('department-row').filter({ hasText: `QA-${stamp}` });
  await expect(row).toContainText(`质量保证部${stamp}`);
  await expect(row).toContainText(`部门长${stamp}`);

  // The account moves into it as a quality manager.
  await page.goto('/console/admin/users');
  const userRow = page.getByTestId('user-row').filter({ hasText: member.email });
  await userRow.getByTestId('user-edit').click();
  const edit = page.getByTestId('user-edit-dialog');
  await edit.getByTestId('user-edit-role').selectOption('QUALITY_MANAGER');
  await edit.getByTestId('user-edit-department').selectOption({ label: `质量保证部${stamp}` });
  await edit.getByTestId('user-edit-submit').click();
  await expect(edit).toBeHidden();
  await expect(userRow).toContainText('质量经理');
  await expect(userRow).toContainText(`质量保证部${stamp}`);

  // The list re-read the row (its new version), so a second edit saves too.
  await userRow.getByTestId('user-edit').click();
  await edit.getByTestId('user-edit-name').fill(`质量员${stamp}`);
  await edit.getByTestId('user-edit-submit').click();
  await expect(edit).toBeHidden();
  await expect(userRow).toContainText(`质量员${stamp}`);

  // The audit log: the account's change with the department's name, filterable by type.
  await page.goto('/console/admin/audit');
  await page.getByTestId('audit-type-filter').selectOption('User');
  const entry = page.getByTestId('audit-row').filter({ hasText: member.email }).filter({ hasText: '质量经理' });
  await expect(entry).toContainText('客服专员 → 质量经理');
  await expect(entry).toContainText(`质量保证部${stamp}`);
  await expect(entry).toContainText('修改');
  await page.getByTestId('audit-type-filter').selectOption('Department');
  await expect(
    page
      .getByTestId('audit-row')
      .filter({ hasText: `质量保证部${stamp}` })
      .first(),
  ).toContainText('新建');
});
