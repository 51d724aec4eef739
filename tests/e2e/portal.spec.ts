import { expect, test } from './fixtures';
import { signIn } from './helpers';

// The sign-in form's own journeys: these sign in through the form (helpers.signIn), every other spec without it.

test('a customer signs in to the portal and sees their own organisation’s profile', async ({ page }) => {
  await signIn(page, 'portal', 'customer@kefu.demo');
  await expect(page.getByTestId('portal-company-name')).toHaveText('华东精密汽配有限公司');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('a customer account cannot open the staff console', async ({ page, signInAs }) => {
  await signInAs(page, 'portal', 'customer@kefu.demo');
  await page.goto('/console/customers');
  await expect(page).toHaveURL(/\/console\/login/);
});

test('wrong password shows an error and stays on the sign-in page', async ({ page }) => {
  await page.goto('/portal/login');
  await page.getByLabel(/邮箱|Email/).fill('customer@kefu.demo');
  await page.getByLabel(/密码|Password/).fill('not-the-password');
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: '邮箱或密码错误' })).toBeVisible();
  await expect(page).toHaveURL(/\/portal\/login/);
});
