import { expect, test } from './fixtures';

// SPEC §2, 001 第五章 6–7: the system proposes key-account candidates from its data, the service manager approves one
// with a reason and names its one-to-one owner. The demo holds one regional landmark with good credit (set with its
// reason), which the recompute proposes with the criterion 地区标志性客户.
test('the manager recomputes candidates, sees the landmark candidate with its criteria and approves it with an owner', async ({
  page,
  signInAs,
}) => {
  await signInAs(page, 'console', 'manager@kefu.demo');
  await page.getByRole('link', { name: '重要客户', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/key-accounts$/);

  await page.getByTestId('key-accounts-recompute').click();
  await expect(page.getByTestId('key-accounts-recomputed')).toContainText('已重新计算');

  const row = page.getByTestId('key-account-nomination').filter({ hasText: '地区标志性客户' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('待审批');
  await expect(row.getByTestId('key-account-figures')).toContainText('近 3 年合同');
  const name = (await row.getByRole('link').first().textContent())!.trim();

  // Approving needs a reason and the owner: the dialog says so before sending.
  await row.getByTestId('key-account-approve').click();
  const dialog = page.getByTestId('key-account-decide-dialog');
  await expect(dialog).toContainText(`批准：${name}`);
  await page.getByTestId('key-account-decide-submit').click();
  await expect(dialog).toContainText('请填写理由');
  await expect(dialog).toContainText('请选择一对一负责人');
  await dialog.getByLabel('一对一负责人').selectOption({ label: '王客服' });
  await dialog.getByLabel('理由').fill('省级重点企业，行业标杆，列为重要协议客户');
  await page.getByTestId('key-account-decide-submit').click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByTestId('key-account-nomination').filter({ hasText: name })).toHaveCount(0);
  await page.getByTestId('key-accounts-status-APPROVED').click();
  await expect(page.getByTestId('key-account-nomination').filter({ hasText: name })).toContainText('已批准');

  await page.getByTestId('key-accounts-tab-accounts').click();
  const account = page.getByTestId('key-account-row').filter({ hasText: name });
  await expect(account).toContainText('王客服');
  await expect(account).toContainText('重要客户');
});
