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

/** Runs a GraphQL operation with the page's session (sign in first); fails the test on GraphQL errors. */
export async function graphql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post('/api/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** Moves the server's clock (KEFU_TEST_CLOCK=1 in the Playwright server) and optionally runs the escalation sweep. */
export async function moveServerClock(page: Page, offsetMs: number, sweep = false) {
  const response = await page.request.post('/api/test/clock', { data: { offsetMs, sweep } });
  expect(response.ok()).toBe(true);
  return (await response.json()) as { now: string; offsetMs: number; sweep: unknown };
}
