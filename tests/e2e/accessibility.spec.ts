import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { graphql, signIn } from './helpers';

// What a person meets, checked by axe-core against WCAG 2.1 A/AA: no serious or critical violation on the public pages,
// the portal and the console's busiest screens. Colour contrast (≥ 4.5:1 for body text) is one of the serious rules.

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Waits until the page's data is in: no request in flight and no spinner left. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[role="status"] .animate-spin')).toHaveCount(0);
}

/** The serious and critical violations on the page as it is now, one line each with the elements concerned. */
async function seriousViolations(page: Page): Promise<string[]> {
  await settle(page);
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Only the pages that have violations, so a failure lists every page's problems at once. */
const withViolations = (found: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(found).filter(([, violations]) => violations.length > 0));

test('the public pages have no serious accessibility violations', async ({ page }) => {
  const found: Record<string, string[]> = {};
  for (const path of ['/', '/submit', '/track', '/portal/login', '/console/login']) {
    await page.goto(path);
    found[path] = await seriousViolations(page);
  }
  // The visitor's form with every required field flagged is still readable (red on white, errors tied to fields).
  await page.goto('/submit');
  await expect(page.getByTestId('intake-form')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('intake-submit').click();
  await expect(page.getByTestId('intake-error-subject')).toBeVisible();
  found['/submit with errors'] = await seriousViolations(page);
  expect(withViolations(found)).toEqual({});
});

test('the portal and a survey link have no serious accessibility violations', async ({ page }) => {
  await signIn(page, 'portal', 'customer@kefu.demo');
  await expect(page.getByTestId('portal-company-name')).toBeVisible();
  const found: Record<string, string[]> = { '/portal': await seriousViolations(page) };
  for (const path of ['/portal/interactions', '/portal/interactions/new']) {
    await page.goto(path);
    found[path] = await seriousViolations(page);
  }

  // The demo customer's open survey (seeded): its personal link, as the portal lists it.
  const { myOpenSurveys } = await graphql<{ myOpenSurveys: { url: string }[] }>(page, '{ myOpenSurveys { url } }');
  expect(myOpenSurveys.length).toBeGreaterThan(0);
  await page.goto(myOpenSurveys[0]!.url);
  await expect(page.getByTestId('survey-link-form')).toHaveAttribute('data-ready', 'true');
  found['survey link'] = await seriousViolations(page);
  expect(withViolations(found)).toEqual({});
});

test('the console’s workbench, complaint queue and customer list have no serious accessibility violations', async ({
  page,
}) => {
  await signIn(page, 'console', 'agent@kefu.demo');
  const found: Record<string, string[]> = { '/console (工作台)': await seriousViolations(page) };
  for (const path of ['/console/complaints', '/console/customers', '/console/interactions']) {
    await page.goto(path);
    found[path] = await seriousViolations(page);
  }
  expect(withViolations(found)).toEqual({});
});

test('a staff account on the portal sign-in is sent to the console, without saying so for a wrong password', async ({
  page,
}) => {
  await page.goto('/portal/login');
  await expect(
    page.getByTestId('portal-login-public-links').getByRole('link', { name: '在线提交投诉或咨询' }),
  ).toHaveAttribute('href', '/submit');
  await expect(
    page.getByTestId('portal-login-public-links').getByRole('link', { name: '查询处理进度' }),
  ).toHaveAttribute('href', '/track');
  await page.getByLabel(/邮箱|Email/).fill('agent@kefu.demo');
  await page.getByLabel(/密码|Password/).fill('wrong-password');
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: '邮箱或密码错误' })).toBeVisible();
  await expect(page.getByTestId('sign-in-other-area')).toHaveCount(0);

  await page.getByLabel(/密码|Password/).fill('kefu-demo-2026');
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  const notice = page.getByTestId('sign-in-other-area');
  await expect(notice).toContainText('这是员工账号');
  await notice.getByRole('link', { name: '前往客服控制台' }).click();
  await expect(page).toHaveURL(/\/console$/);
});

test('the landing page sends customers to the portal, /submit and /track, and staff to the console', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/$/);
  const customers = page.getByTestId('landing-customers');
  await expect(customers.getByRole('link', { name: '登录客户服务门户' })).toHaveAttribute('href', '/portal');
  await expect(customers.getByRole('link', { name: /在线提交投诉或咨询/ })).toHaveAttribute('href', '/submit');
  await expect(customers.getByRole('link', { name: /查询处理进度/ })).toHaveAttribute('href', '/track');
  await page.getByTestId('landing-staff').getByRole('link', { name: '进入客服控制台' }).click();
  await expect(page).toHaveURL(/\/console\/login$/);
});
