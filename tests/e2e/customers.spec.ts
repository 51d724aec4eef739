import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

test('a service agent creates a customer, finds it by a filter and exports the filtered list', async ({
  page,
  signInAs,
}) => {
  const name = `浦江测试机电有限公司${Date.now() % 100000}`;
  const contractNo = `E2E-${Date.now()}`;
  await signInAs(page, 'console', 'agent@kefu.demo');

  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '客户信息' }).click();
  await expect(page.getByTestId('customer-row').first()).toBeVisible();
  await page.getByTestId('customer-new').click();

  // The form reports field errors from the server next to the fields.
  await page.getByLabel('公司名称').fill(name);
  await page.getByLabel('邮编').fill('12');
  await page.getByTestId('customer-save').click();
  await expect(page.getByTestId('error-postcode')).toHaveText('邮编须为 6 位数字');

  await page.getByLabel('邮编').fill('200120');
  await page.getByLabel('合同编号').first().fill(contractNo);
  await page.getByLabel('省份').fill('海南');
  await page.getByTestId('customer-save').click();
  await expect(page.getByTestId('customer-name')).toContainText(name);

  // Find it by a filter (contract number), from the list.
  await page.goto('/console/customers');
  await page.getByTestId('filter-toggle').click();
  await page.getByTestId('filter-text-contractNo').fill(contractNo);
  await page.getByTestId('filter-apply').click();
  await expect(page.getByTestId('customer-row')).toHaveCount(1);
  await expect(page.getByTestId('customer-row')).toContainText(name);
  await expect(page).toHaveURL(/contractNo/); // the filtered view is in the URL

  // Export the filtered list.
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^customers-\d{8}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.replace('\uFEFF', '').trim().split('\n');
  expect(lines[0]).toContain('公司名称');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(name);
});
