import { expect, test } from './fixtures';

// Issue 13: the visit cycles (客户访问周期表) are edited in 服务规则 by the service manager; saving returns at once and
// the panel shows the background recompute until every cycle follows the rules. The values are saved unchanged
// (the default interval typed again), so no other journey's due visits move.
test('the service manager saves the visit cycles in 服务规则 and sees the recompute finish', async ({
  page,
  signInAs,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, 'console', 'manager@kefu.demo');
  await page.goto('/console/admin/service-rules');
  await page.getByTestId('service-rules-tab-visits').click();
  const panel = page.getByTestId('visit-rules-panel');
  const defaultDays = panel.getByTestId('visit-rules-defaultDays');
  const value = await defaultDays.inputValue();
  expect(Number(value)).toBeGreaterThan(0);

  // A wrong line is refused before anything is sent.
  await panel.getByTestId('visit-rules-provinces').fill('浙江');
  await page.getByTestId('visits-save').click();
  await expect(panel).toContainText('第 1 行格式不正确');
  await panel.getByTestId('visit-rules-provinces').fill('');

  await defaultDays.fill(value);
  await page.getByTestId('visits-save').click();
  await expect(page.getByText('访问周期已保存')).toBeVisible();
  await expect(page.getByTestId('visit-rules-recompute')).toHaveAttribute('data-state', 'DONE', { timeout: 60_000 });
  await expect(page.getByTestId('visit-rules-recompute')).toContainText('已按当前周期重算');
});
