import { expect, test } from './fixtures';

// SPEC §8 (信息公告): the desk writes an urgent notice for all customers, the service manager approves it, and the
// customer sees it as a banner on every portal page until they acknowledge it; the console then shows the read rate.
test('an urgent notice: the agent writes it, the manager approves, the customer acknowledges the banner', async ({
  page,
  signInAs,
  pageAs,
}) => {
  // Three people in three browser contexts, one after another, on a busy machine: the first run took 60 s to reach
  // the manager's sign-in.
  test.setTimeout(180_000);
  const title = `紧急停机通知 ${Date.now()}`;
  await signInAs(page, 'console', 'agent@kefu.demo');
  await page.getByRole('link', { name: '信息公告', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/notices/);

  await page.getByTestId('notice-create').click();
  const dialog = page.getByTestId('notice-dialog');
  await dialog.getByTestId('notice-title').fill(title);
  await dialog.getByTestId('notice-level').selectOption('URGENT');
  await dialog.getByTestId('notice-body').fill('<p>今晚 22:00 系统停机维护。</p><script>alert(1)</script>');
  // With an attachment (uploaded on save, then downloadable by the audience).
  await dialog.locator('input[type="file"]').setInputFiles({
    name: '维护说明.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('停机期间请拨打 400 热线。'),
  });
  await expect(dialog.getByTestId('notice-files')).toContainText('维护说明.txt');
  await dialog.getByTestId('notice-save').click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('notice-row').filter({ hasText: title });
  await expect(row).toContainText('草稿');
  await row.getByRole('button', { name: '提交审批' }).click();
  await page.getByTestId('confirm-action').click();
  await expect(row).toContainText('待审批');

  const manager = await pageAs('console', 'manager@kefu.demo');
  await manager.goto('/console/notices');
  const managerRow = manager.getByTestId('notice-row').filter({ hasText: title });
  await managerRow.getByRole('button', { name: '审批发布' }).click();
  await manager.getByTestId('confirm-action').click();
  await expect(managerRow).toContainText('已发布');

  const customer = await pageAs('portal', 'customer@kefu.demo');
  await customer.goto('/portal');
  const banner = customer.getByTestId('notice-banner');
  await expect(banner).toContainText(title);
  await expect(banner).toContainText('今晚 22:00 系统停机维护。');
  // On another portal page too.
  await customer.goto('/portal/interactions');
  await expect(banner).toContainText(title);
  await banner.getByRole('alert').filter({ hasText: title }).getByRole('button', { name: '我已知悉' }).click();
  await expect(customer.getByTestId('notice-banner').filter({ hasText: title })).toHaveCount(0);
  await customer.reload();
  await expect(customer.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(customer.getByTestId('notice-banner').filter({ hasText: title })).toHaveCount(0);

  // The notice stays in the portal's list, marked acknowledged; the demo notices are there too, by level.
  await customer.goto('/portal/notices');
  const item = customer.getByTestId('portal-notice').filter({ hasText: title });
  await item.locator('summary').click();
  await expect(item).toContainText('已确认知悉');
  const download = customer.waitForEvent('download');
  await item.getByRole('link', { name: '维护说明.txt' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('维护说明.txt');

  await manager.reload();
  await expect(managerRow.getByTestId('notice-read-rate')).toContainText('%（1/');
});
