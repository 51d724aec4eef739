import { expect, test } from './fixtures';

// SPEC §1 客户分等分级 [000 §4.2.3]: an agent enters the 受审核方服务有效性水平评价表 for a demo customer; the dialog
// shows the criteria with their weights and computes the total and grade as the scores are typed; once saved the
// customer's grade is the evaluation's and the history lists it (newest first), as does the customer's change history.
test('an agent evaluates a demo customer: the grade is shown and the evaluation history lists it', async ({
  page,
  signInAs,
}) => {
  test.setTimeout(180_000); // two evaluations on a shared, busy machine
  // One evaluation per customer and period: a period of this run's own (a month of a year), so a rerun on the same
  // data does not meet the one it entered before.
  const n = Math.floor(Date.now() / 60_000);
  const period = `${2000 + (n % 100)}-${String(1 + (Math.floor(n / 100) % 12)).padStart(2, '0')}`;

  await signInAs(page, 'console', 'agent@kefu.demo');
  await page.goto('/console/customers');
  await page.getByTestId('customer-row-link').first().click();
  await expect(page.getByTestId('customer-detail')).toBeVisible();

  const panel = page.getByTestId('customer-grading');
  await expect(panel).toContainText('客户分等分级');
  await panel.getByTestId('customer-grade-evaluate').click();
  const dialog = page.getByTestId('customer-grade-evaluate-dialog');
  await expect(dialog).toContainText('录入服务有效性评价');
  const criteria = dialog.getByTestId('customer-grade-criteria');
  await expect(criteria).toContainText('管理体系运行有效性');
  await expect(criteria).toContainText('30%');
  await expect(dialog.getByTestId('customer-grade-preview-grade')).toHaveText('请为每项指标评分');

  await dialog.getByLabel('评价期间').fill(period);
  // 30 × 9/10 + 25 × 9/10 + 20 × 8/10 + 15 × 9/10 + 10 × 10/10 = 89 → A (A from 85).
  const scores = { 管理体系运行有效性: '9', 服务质量与顾客满意: '9', 投诉处理与持续改进: '8', 审核配合与沟通: '9' };
  for (const [label, score] of Object.entries(scores)) await dialog.getByLabel(label).fill(score);
  await dialog.getByLabel('证书使用与诚信守法').fill('5');
  await expect(dialog.getByTestId('customer-grade-preview')).toContainText('总分 84.00');
  await expect(dialog.getByTestId('customer-grade-preview-grade')).toHaveText('B 级'); // just below A's 85
  await dialog.getByLabel('证书使用与诚信守法').fill('10');
  await expect(dialog.getByTestId('customer-grade-preview')).toContainText('总分 89.00');
  await expect(dialog.getByTestId('customer-grade-preview-grade')).toHaveText('A 级');
  await dialog.getByLabel('备注').fill('审核组现场带回的评价表');
  await page.getByTestId('customer-grade-evaluate-submit').click();
  await expect(dialog).toBeHidden();

  await expect(panel.getByTestId('customer-grade')).toHaveText('A 级');
  const latest = panel.getByTestId('customer-grade-evaluation').first();
  await expect(latest).toContainText(period);
  await expect(latest).toContainText('总分 89.00');
  await expect(latest).toContainText('A 级');
  await expect(latest).toContainText('审核组现场带回的评价表');
  await expect(page.getByTestId('customer-history')).toContainText('服务有效性评价');

  // The same period again is refused: one evaluation per customer and period.
  await panel.getByTestId('customer-grade-evaluate').click();
  await dialog.getByLabel('评价期间').fill(period);
  for (const [label, score] of Object.entries(scores)) await dialog.getByLabel(label).fill(score);
  await dialog.getByLabel('证书使用与诚信守法').fill('10');
  await page.getByTestId('customer-grade-evaluate-submit').click();
  await expect(dialog).toContainText(`该客户在 ${period} 期间已有评价`);
});
