import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'kefu-demo-2026';

/** Signs in through the real sign-in form (console or portal). */
export async function signIn(page: Page, area: 'console' | 'portal', email: string) {
  await page.goto(`/${area}/login`);
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await expect(page).toHaveURL(new RegExp(`/${area}$`));
}
