import { expect, test } from './fixtures';
import { graphql } from './helpers';

// Issue 12 item 2 (SPEC §2, §5): a key account's perks are scheduled work. A customer becomes an ACTIVE key account
// with the agent as its owner (POST /api/test/key-account, what a nomination's approval does) 35 days ago, so its
// monthly callback is overdue: the agent's 工作台 shows it, the agent records it through the callback script, and
// the customer's page shows the callback obligation done and the next one scheduled.
test('a key account’s overdue callback obligation shows on the owner’s 工作台, is done through the callback, and shows done on the customer page', async ({
  page,
  signInAs,
}) => {
  // Four screens and a production build on a shared two-core machine: more than the default minute.
  test.setTimeout(180_000);
  await signInAs(page, 'console', 'agent@kefu.demo');
  const name = `重点客户测试${Date.now()}有限公司`;
  const created = await graphql<{ createCustomer: { id: string } }>(
    page,
    `
      mutation ($input: CustomerInput!) {
        createCustomer(input: $input) {
          id
        }
      }
    `,
    { input: { name, contactPerson: '赵经理', phone: '13900001111' } },
  );
  const customerId = created.createCustomer.id;
  const made = await page.request.post('/api/test/key-account', {
    data: {
      customerId,
      ownerEmail: 'agent@kefu.demo',
      activatedAt: new Date(Date.now() - 35 * 86_400_000).toISOString(),
    },
  });
  expect(made.ok()).toBe(true);

  // 工作台: the overdue callback obligation, with the way to its callback task.
  await page.goto('/console');
  const block = page.getByTestId('dashboard-obligations');
  await expect(block).toContainText('我的重要客户服务事项');
  const item = block.getByTestId('dashboard-obligation').filter({ hasText: name });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('电话回访');
  await expect(item).toContainText('已逾期');
  await item.getByTestId('obligation-open-callback').click();

  // 回访 → 我的: the key-account callback task, recorded through the callback script.
  await expect(page).toHaveURL(/\/console\/callbacks\?queue=MINE/);
  const row = page.getByTestId('callback-row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await row.getByTestId('callback-record').click();
  const dialog = page.getByTestId('record-callback-dialog');
  await dialog.getByRole('radio', { name: /^满意，无问题/ }).check();
  for (const group of ['准确性', '及时性', '服务态度'])
    await dialog.getByRole('radiogroup', { name: group }).getByRole('radio', { name: '5 分' }).check();
  await dialog.getByLabel('回访记录').fill('赵经理对本月服务满意。');
  await page.getByTestId('record-callback-submit').click();
  await expect(dialog).toBeHidden();

  // The customer's page: the callback obligation done (by whom), the next one open.
  await page.goto(`/console/customers/${customerId}`);
  const panel = page.getByTestId('customer-key-account-obligations');
  await expect(panel).toContainText('重要客户服务事项');
  await panel.getByTestId('customer-obligations-all').click();
  const callbacks = panel.locator('[data-testid="customer-obligation"][data-kind="CALLBACK"]');
  await expect(callbacks).toHaveCount(2);
  await expect(callbacks.filter({ hasText: '已完成' })).toContainText('王客服');
  await expect(callbacks.filter({ hasText: '待办' })).toHaveCount(1);
});
