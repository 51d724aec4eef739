import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// The server sends field problems as message keys (extensions.fields); the form shows them in the viewer's language.
test('the customer form shows the server’s field errors in Chinese in the Chinese UI and in English in the English UI', async ({
  page,
}) => {
  await signIn(page, 'console', 'agent@kefu.demo');
  await page.goto('/console/customers/new');
  await page.getByLabel('公司名称').fill(`语言测试有限公司${Date.now() % 100000}`);
  await page.getByLabel('邮编').fill('12');
  await page.getByTestId('customer-save').click();
  await expect(page.getByTestId('error-postcode')).toHaveText('邮编须为 6 位数字');

  await page.getByLabel(/语言|Language/).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('/console/customers/new');
  await page.getByLabel('Company name').fill(`Language Test Ltd ${Date.now() % 100000}`);
  await page.getByLabel('Postcode').fill('12');
  await page.getByTestId('customer-save').click();
  await expect(page.getByTestId('error-postcode')).toHaveText('The postcode must be 6 digits.');

  await page.getByLabel(/语言|Language/).selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
