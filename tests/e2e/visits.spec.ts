import { expect, graphqlRequest, test } from './fixtures';
import { graphql, moveServerClock } from './helpers';

// Issue 13 (SPEC §7, 客户访问行程表 "于每周五…呈营业部主管审核"): on a Thursday the salesperson plans next week's visit
// from the due list and submits the itinerary (before Friday's deadline: not late); the service manager approves it;
// during the week the salesperson logs the visit from the week grid; the customer's next due visit moves.

const DAY = 86_400_000;
const shanghaiDate = (instant: number) => new Date(instant + 8 * 3_600_000).toISOString().slice(0, 10);
/** The next Thursday after today (Shanghai), at a given local hour, as an instant. */
function nextThursday(hour: number): number {
  let day = Date.now() + DAY;
  while (new Date(`${shanghaiDate(day)}T00:00:00Z`).getUTCDay() !== 4) day += DAY;
  return Date.parse(`${shanghaiDate(day)}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

test('the salesperson submits next week’s itinerary on Thursday, the manager approves it, the visit is logged and the next due visit moves', async ({
  pageAs,
  adminApi,
  createUser,
}) => {
  // Two people, five screens and a production build on a shared two-core machine.
  test.setTimeout(240_000);
  const salesperson = await createUser({ role: 'SERVICE_AGENT', name: '拜访测试业务员' });
  const name = `拜访测试${Date.now()}有限公司`;
  const { createCustomer } = await graphqlRequest<{ createCustomer: { id: string } }>(
    adminApi,
    'mutation ($input: CustomerInput!) { createCustomer(input: $input) { id } }',
    { input: { name, contactPerson: '周经理', phone: '13900002222', ownerId: salesperson.id } },
  );
  const manager = await pageAs('console', 'manager@kefu.demo');

  // Thursday 10:00 in Shanghai; the manager visits this customer weekly.
  const thursday = nextThursday(10);
  await moveServerClock(manager, thursday - Date.now());
  await graphql(manager, 'mutation ($id: ID!) { setCustomerVisitInterval(customerId: $id, intervalDays: 7) { id } }', {
    id: createCustomer.id,
  });
  const monday = shanghaiDate(thursday + 4 * DAY);
  const tuesday = shanghaiDate(thursday + 5 * DAY);

  // The salesperson: next week's grid, planned from the due list, submitted before Friday's deadline.
  const agent = await pageAs('console', salesperson.email, salesperson.password);
  await agent.goto('/console/visits');
  const week = agent.getByTestId('itinerary-week');
  await expect(week).toContainText(`${monday} 至`);
  await expect(agent.getByTestId('itinerary-deadline')).toContainText('提交截止');
  await agent.getByTestId('itinerary-new').click();
  const editor = agent.getByTestId('itinerary-editor');
  await editor.getByTestId('itinerary-pick').selectOption(createCustomer.id);
  await editor.getByTestId('itinerary-add').click();
  const line = editor.getByTestId('itinerary-line');
  await line.getByLabel('拜访日期').fill(tuesday);
  await line.getByLabel('拜访目的').fill('季度回访，介绍新产品');
  await line.getByLabel('联系人').fill('周经理');
  await agent.getByTestId('itinerary-save').click();
  await expect(editor).toBeHidden();
  const row = agent.getByTestId('itinerary-row');
  await expect(row.getByTestId('itinerary-status')).toContainText('草稿');
  await expect(row.getByTestId('itinerary-visit')).toContainText(name);
  await row.getByTestId('itinerary-submit').click();
  await agent.getByRole('dialog').getByRole('button', { name: '提交审核' }).click();
  await expect(row.getByTestId('itinerary-status')).toContainText('待审核');
  await expect(row.getByTestId('itinerary-status')).not.toContainText('逾期');
  await expect(row.getByTestId('itinerary-edit')).toHaveCount(0);

  // The manager: the team's week, the salesperson's itinerary approved.
  await manager.goto('/console/visits');
  const teamRow = manager.getByTestId('itinerary-row').filter({ hasText: '拜访测试业务员' });
  await expect(teamRow.getByTestId('itinerary-status')).toContainText('待审核');
  await teamRow.getByTestId('itinerary-approve').click();
  await manager.getByRole('dialog').getByRole('button', { name: '批准' }).click();
  await expect(teamRow.getByTestId('itinerary-status')).toContainText('已批准');

  // The due list before the visit.
  await agent.getByTestId('visits-tab-due').click();
  const dueRow = agent.getByTestId('due-row').filter({ hasText: name });
  const before = (await dueRow.getByTestId('due-next-date').textContent())!.trim();
  expect(before < tuesday).toBe(true);

  // Tuesday afternoon: the visit is logged from the week grid (this week now: one week back from next week).
  await moveServerClock(manager, thursday + 5 * DAY + 4 * 3_600_000 - Date.now());
  await agent.reload();
  await agent.getByTestId('week-prev').click();
  await expect(agent.getByTestId('itinerary-week')).toContainText(`${monday} 至`);
  await agent.getByTestId('itinerary-visit').filter({ hasText: name }).getByTestId('itinerary-visit-log').click();
  const log = agent.getByTestId('visit-log-dialog');
  await log.getByLabel('洽谈内容').fill('确认下季度供货计划');
  await log.getByLabel('客户需求').fill('希望缩短交期');
  await log.getByLabel('跟进事项').fill('下周回复交期');
  await agent.getByTestId('visit-log-submit').click();
  await expect(log).toBeHidden();
  await expect(agent.getByTestId('itinerary-visit-done')).toContainText('已拜访');

  // The next due visit moved past the visit.
  await agent.getByTestId('visits-tab-due').click();
  const after = agent.getByTestId('due-row').filter({ hasText: name }).getByTestId('due-next-date');
  await expect(after).not.toHaveText(before);
  expect((await after.textContent())!.trim() > tuesday).toBe(true);
  await agent.getByTestId('visits-tab-logs').click();
  await expect(agent.getByTestId('visit-log-row').filter({ hasText: name })).toContainText('确认下季度供货计划');
  await moveServerClock(manager, 0);
});
