import { expect, test } from './fixtures';

test('the console speaks Chinese by default and switches to English', async ({ page, signInAs }) => {
  await signInAs(page, 'console', 'agent@kefu.demo');
  const nav = page.getByRole('navigation', { name: 'main' });
  await expect(nav.getByRole('link', { name: '客户信息' })).toBeVisible();
  await page.getByLabel(/语言|Language/).selectOption('en');
  await expect(nav.getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(nav.getByRole('link', { name: 'Customers' })).toBeVisible(); // the choice is remembered
  await page.getByLabel(/语言|Language/).selectOption('zh-CN');
  await expect(nav.getByRole('link', { name: '客户信息' })).toBeVisible();
});
