import { expect, test } from './fixtures';

// The customer 360 page (SPEC §1 "a customer's page shows everything") and a key account's owner on the portal
// (SPEC §2), in the Chinese UI.

test('an agent opens a demo customer’s page: interactions with their state, callbacks, survey scores', async ({
  page,
  signInAs,
}) => {
  await signInAs(page, 'console', 'agent@kefu.demo');
  await page.goto('/console/customers');
  await page.getByRole('link', { name: '华东精密汽配有限公司' }).first().click();
  await expect(page.getByTestId('customer-name')).toContainText('华东精密汽配有限公司');

  const interactions = page.getByTestId('customer-interactions');
  await expect(interactions.getByRole('heading', { name: '咨询与投诉' })).toBeVisible();
  await expect(interactions.getByTestId('customer-interaction').first()).toBeVisible();
  await expect(interactions).toContainText(/共 \d+ 条/);
  // Only complaints: every row says 投诉.
  await interactions.getByTestId('customer-interactions-complaints').click();
  await expect(interactions.getByTestId('customer-interactions-complaints')).toHaveAttribute('aria-pressed', 'true');
  const rows = interactions.getByTestId('customer-interaction');
  await expect(rows.first()).toContainText('投诉');

  await expect(page.getByTestId('customer-callbacks').getByTestId('customer-callback').first()).toBeVisible();
  const surveys = page.getByTestId('customer-surveys');
  await expect(surveys.getByRole('heading', { name: '满意度调查' })).toBeVisible();
  await expect(surveys.getByTestId('customer-survey-score').first()).toHaveText(/\d+\.\d/);
  await expect(page.getByTestId('customer-key-account')).toContainText('重要协议客户');
  await expect(page.getByTestId('customer-history').getByTestId('history-entry').first()).toBeVisible();
  // Features that do not exist yet are not advertised.
  await expect(page.getByText('派工单')).toHaveCount(0);
});

test('a key account sees its one-to-one owner and the next contact on the portal', async ({
  page,
  request,
  signInAs,
  createUser,
}) => {
  const response = await request.post('/api/test/customer-key-account');
  expect(response.ok()).toBe(true);
  const account = (await response.json()) as { customerId: string; ownerName: string; ownerPhone: string };
  const portalUser = await createUser({ role: 'CUSTOMER', customerId: account.customerId });
  await signInAs(page, 'portal', portalUser.email, portalUser.password);

  const card = page.getByTestId('portal-key-account');
  await expect(card.getByRole('heading', { name: '您的专属客户经理' })).toBeVisible();
  await expect(card.getByTestId('portal-key-account-owner')).toHaveText(account.ownerName);
  await expect(card.getByTestId('portal-key-account-phone')).toHaveText(account.ownerPhone);
  await expect(card.getByTestId('portal-key-account-next')).toContainText('回访');
});

test('the demo customer, not a key account, sees no owner card on the portal', async ({ page, signInAs }) => {
  await signInAs(page, 'portal', 'customer@kefu.demo');
  await expect(page.getByTestId('portal-company-name')).toHaveText('华东精密汽配有限公司');
  await expect(page.getByTestId('portal-key-account')).toHaveCount(0);
});
