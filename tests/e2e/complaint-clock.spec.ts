import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { lodgeComplaint, moveServerClock, triageToHandler } from './helpers';

// SPEC §4 clocks: a triaged complaint is not overdue; after the clock moves past its resolution due time it shows in
// the 逾期 queue with a red "逾期" clock, and the escalation sweep has raised its level.
const DAYS = 24 * 3600 * 1000;

test.afterEach(async ({ request }) => {
  await request.post('/api/test/clock', { data: { offsetMs: 0 } });
});

test('a complaint turns overdue after the clock is moved past its resolution due time', async ({ browser, pageAs }) => {
  const subject = `交期延误 ${randomUUID().slice(0, 8)}`;
  const complaint = await lodgeComplaint(browser, subject, '第 7 批次交货延误 3 天，影响客户排产。');
  const page = await pageAs('console', 'agent@kefu.demo');
  const triageComplaint = await triageToHandler(page, complaint);

  // Today: in the open queue with time remaining, not in the overdue queue.
  await page.goto('/console/complaints?queue=OVERDUE');
  await expect(page.getByTestId('queue-tab-OVERDUE')).toBeVisible();
  await expect(page.getByTestId('complaint-row').filter({ hasText: complaint.number })).toHaveCount(0);
  await page.goto('/console/complaints?queue=OPEN');
  await expect(
    page.getByTestId('complaint-row').filter({ hasText: complaint.number }).getByTestId('due-remaining'),
  ).toBeVisible();

  // The queue's filters: a search by number leaves only this complaint; the 危机 chip (it is general) empties the
  // list; clearing brings it back. The filters live in the URL.
  await page.getByLabel('搜索', { exact: true }).fill(complaint.number);
  await page.getByLabel('搜索', { exact: true }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${complaint.number}`));
  await expect(page.getByTestId('complaint-row')).toHaveCount(1);
  await page.getByTestId('filter-severity-CRISIS').click();
  await expect(page.getByTestId('complaint-queue-empty')).toContainText('没有符合筛选条件的投诉');
  await page.getByTestId('filter-clear').click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(page.getByTestId('complaint-row').filter({ hasText: complaint.number })).toBeVisible();

  // Three weeks later (past the 40 business hours of a general complaint, whatever weekends and holidays fall in).
  const offset = 21 * DAYS;
  expect(new Date(triageComplaint.resolutionDueAt).getTime()).toBeLessThan(Date.now() + offset);
  const moved = await moveServerClock(page, offset, true);
  expect(moved.sweep).toMatchObject({ escalations: expect.any(Number) });
  await page.clock.install({ time: new Date(Date.now() + offset) }); // the browser's clock moves too

  // The 工作台 counts it among the overdue complaints; its tile opens the overdue queue.
  await page.goto('/console');
  const overdueTile = page.getByTestId('dashboard-complaints-OVERDUE');
  await expect(overdueTile).toContainText(/已逾期\s*[1-9]/);
  await overdueTile.click();
  await expect(page).toHaveURL(/queue=OVERDUE/);
  const row = page.getByTestId('complaint-row').filter({ hasText: complaint.number });
  await expect(row).toContainText(subject);
  await expect(row.getByTestId('due-overdue')).toContainText('逾期');
  await row.getByRole('link', { name: complaint.number }).click();
  await expect(page.getByTestId('complaint-number')).toHaveText(complaint.number);
  await expect(page.getByTestId('complaint-workbench')).toContainText(/升级|Escalation/);
  await expect(page.getByTestId('complaint-history')).toContainText(/升级|逾期/);
  await page.context().close();
});
