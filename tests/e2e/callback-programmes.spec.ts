import { expect, test } from './fixtures';

// 001 §6.2: the service manager sets a periodic callback programme for a customer segment (not only key accounts) from
// the callback queues, every two months by default, and pauses it. (Runs and their tasks: tests/integration.)
test('the manager creates a two-monthly callback programme for a segment and pauses it', async ({ page, signInAs }) => {
  await signInAs(page, 'console', 'manager@kefu.demo');
  await page.goto('/console/callbacks');
  await page.getByTestId('callback-programmes-link').click();
  await expect(page).toHaveURL(/\/console\/callbacks\/programmes$/);
  await expect(page.getByRole('heading', { name: '定期回访计划' })).toBeVisible();

  await page.getByTestId('programme-create').click();
  const dialog = page.getByTestId('programme-dialog');
  await page.getByTestId('programme-name').fill('上海 A 级客户双月回访');
  await expect(page.getByTestId('programme-interval')).toHaveValue('2');
  await page.getByTestId('programme-save').click();
  // A segment with no condition reaches nobody: refused with the notices' message.
  await expect(dialog).toContainText('至少一个客户细分条件');
  await page.getByTestId('programme-provinces').fill('上海');
  await dialog.getByRole('checkbox', { name: 'A', exact: true }).check();
  await page.getByTestId('programme-save').click();
  await expect(dialog).toHaveCount(0);

  const row = page.getByTestId('programme-table').getByRole('row').filter({ hasText: '上海 A 级客户双月回访' });
  await expect(row).toContainText('每 2 个月');
  await expect(row).toContainText('省份：上海；等级：A');
  await expect(row).toContainText('启用');

  await row.getByRole('button', { name: '编辑 上海 A 级客户双月回访' }).click();
  await dialog.getByLabel('启用（每日运行）').uncheck();
  await page.getByTestId('programme-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('停用');
  await expect(row.getByTestId('programme-run')).toHaveCount(0);
});
