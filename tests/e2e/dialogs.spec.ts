import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

// Every dialog of the app is a Modal (src/components/ui/modal.tsx): focus stays inside while it is open, and goes back
// to the button that opened it when it closes — on Esc, on Cancel and after a successful submit — so a keyboard user
// carries on where they were. Shown on 系统管理 → 用户, whose create and deactivate dialogs are the shared FormDialog and
// ConfirmDialog.

/** True when the focused element is inside the open dialog with this test id. */
const focusInside = (page: Page, testId: string) =>
  page.evaluate((id) => document.activeElement?.closest('dialog[open]')?.getAttribute('data-testid') === id, testId);

test.beforeEach(async ({ page }) => {
  await signIn(page, 'console', 'admin@kefu.demo');
  await page.goto('/console/admin/users');
  await expect(page.getByTestId('user-row').first()).toBeVisible();
});

test('a form dialog keeps Tab inside and gives focus back to its opener on Esc, Cancel and success', async ({
  page,
}) => {
  const opener = page.getByTestId('user-create');
  const dialog = page.getByTestId('user-create-dialog');

  // Esc.
  await opener.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('user-email')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // Tab and Shift+Tab go round the dialog's controls (more presses than it has) and never leave it.
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInside(page, 'user-create-dialog'), `after Tab ×${i + 1}`).toBe(true);
  }
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInside(page, 'user-create-dialog'), `after Shift+Tab ×${i + 1}`).toBe(true);
  }
  // One way out by name: Cancel, and no second "close" beside it.
  await expect(dialog.getByRole('button', { name: '取消', exact: true })).toHaveCount(1);
  await expect(dialog.getByRole('button', { name: /关闭/ })).toHaveCount(0);

  // Cancel.
  await dialog.getByRole('button', { name: '取消', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // Success.
  await opener.click();
  const email = `dialog-${Date.now()}@example.cn`;
  await dialog.getByTestId('user-email').fill(email);
  await dialog.getByTestId('user-name').fill('焦点测试');
  await dialog.getByTestId('user-password').fill('long-enough-1');
  await dialog.getByTestId('user-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(`[data-testid="user-row"][data-user-email="${email}"]`)).toBeVisible();
  await expect(opener).toBeFocused();
});

test('a confirmation starts on Cancel, names its action, and gives focus back to the row’s button', async ({
  page,
}) => {
  const toggle = page.getByTestId('user-toggle-active').first();
  await toggle.click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  // Enter never confirms by accident; the two buttons have distinct names.
  await expect(dialog.getByRole('button', { name: '取消', exact: true })).toBeFocused();
  await expect(dialog.getByTestId('confirm-action')).not.toHaveText('确认');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focusInside(page, 'confirm-dialog')).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(toggle).toBeFocused();
});
