import { expect, test } from './fixtures';
import { graphql } from './helpers';

// The customer 360 page (SPEC §1 "a customer's page shows everything") and a key account's owner on the portal
// (SPEC §2), in the Chinese UI.

test('an agent opens a demo customer’s page: interactions with their state, callbacks, survey scores', async ({
  page,
  signInAs,
}) => {
  await signInAs(page, 'console', 'agent@kefu.demo');
  const { customers } = await graphql<{ customers: { nodes: { id: string }[] } }>(
    page,
    '{ customers(filter: { name: "华东精密汽配有限公司" }, first: 1) { nodes { id } } }',
  );
  await page.goto(`/console/customers/${customers.nodes[0]!.id}`);
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

  // The demo customer may or may not have callback tasks; the key account below has one for certain.
  const callbacks = page.getByTestId('customer-callbacks');
  await expect(callbacks.getByTestId('customer-callback').first().or(callbacks.getByText('暂无回访'))).toBeVisible();
  const surveys = page.getByTestId('customer-surveys');
  await expect(surveys.getByRole('heading', { name: '满意度调查' })).toBeVisible();
  await expect(surveys.getByTestId('customer-survey-score').first()).toHaveText(/\d+\.\d/);
  await expect(page.getByTestId('customer-key-account')).toContainText('重要协议客户');
  await expect(page.getByTestId('customer-history').getByRole('heading', { name: '变更记录' })).toBeVisible();
  // Visits and work orders do not exist yet: the page does not advertise them.
  await expect(page.getByTestId('coming-soon-work-orders')).toHaveCount(0);
});

test('a key account sees its one-to-one owner and the next contact on the portal; staff see them too', async ({
  page,
  request,
  signInAs,
  pageAs,
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

  const staffPage = await pageAs('console', 'agent@kefu.demo');
  await staffPage.goto(`/console/customers/${account.customerId}`);
  const keyAccount = staffPage.getByTestId('customer-key-account');
  await expect(keyAccount.getByTestId('customer-key-account-owner')).toContainText(account.ownerPhone);
  await expect(keyAccount.getByTestId('customer-next-contact')).toContainText('重要客户回访');
  await expect(staffPage.getByTestId('customer-callbacks').getByTestId('customer-callback')).toContainText(
    '重要客户回访',
  );
  await expect(staffPage.getByTestId('customer-interactions')).toContainText('暂无咨询、查询、投诉或建议记录。');
});

test('the demo customer, not a key account, sees no owner card on the portal', async ({ page, signInAs }) => {
  await signInAs(page, 'portal', 'customer@kefu.demo');
  await expect(page.getByTestId('portal-company-name')).toHaveText('华东精密汽配有限公司');
  await expect(page.getByTestId('portal-key-account')).toHaveCount(0);
});
