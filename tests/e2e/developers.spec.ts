import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

// Issue 15 (API documentation): staff read the integrators' guide on /developers — scopes with their labels — and
// download the SDL; an anonymous visitor is sent to the console sign-in instead.
test('员工打开开发者文档，看到权限范围并下载 SDL；匿名访问者被送到登录页', async ({
  page,
  signInAs,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, 'console', 'agent@kefu.demo');
  await page.getByRole('link', { name: '开发者文档', exact: true }).click();
  await expect(page).toHaveURL(/\/developers$/);
  await expect(page.getByRole('heading', { name: '开发者文档' })).toBeVisible();

  const scopes = page.getByTestId('developers-scope');
  await expect(scopes.filter({ hasText: 'customers:read' })).toContainText('读取客户信息');
  await expect(scopes.filter({ hasText: 'interactions:write' })).toContainText('提交和登记咨询、投诉');
  await expect(scopes.filter({ hasText: 'settings:manage' })).toContainText('管理服务规则');
  // What the API covers: the mutations no key may take, grouped by their reason.
  await expect(page.getByTestId('developers-coverage')).toContainText('对 API 密钥开放');
  const staffOnly = page.getByTestId('developers-staff-only');
  await expect(staffOnly.filter({ hasText: '系统管理' })).toContainText('createApiKey');
  await expect(staffOnly.filter({ hasText: '系统管理' })).not.toContainText('createSurveyTemplate');
  await expect(page.getByTestId('developers-errors')).toContainText('RATE_LIMITED');
  await expect(page.getByTestId('example-curl')).toContainText('Authorization: Bearer');
  await expect(page.getByTestId('reference-module').first()).toBeVisible();

  // The playground answers as the signed-in staff member.
  await page.getByTestId('playground-run').click();
  await expect(page.getByTestId('playground-result')).toContainText('"kind": "STAFF"');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-sdl').click()]);
  expect(download.suggestedFilename()).toBe('kefu-schema.graphql');
  const sdl = await readFile((await download.path())!, 'utf8');
  expect(sdl).toContain('type Query');
  expect(sdl).toContain('rotateApiKey');

  const anonymous = await browser.newContext({ baseURL });
  const visitor = await anonymous.newPage();
  await visitor.goto('/developers');
  await expect(visitor).toHaveURL(/\/console\/login/);
  expect((await visitor.request.get('/api/graphql/schema')).status()).toBe(401);
  await anonymous.close();
});
