import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// SPEC §6 analysis / §9 charts: the satisfaction analysis in the console. The demo data holds survey campaigns with
// submitted responses in several periods (e.g. 2026-Q3 and 2026-Q4); the journey asks the API which periods have
// responses instead of hard-coding labels, so it follows the demo data.

type TrendBody = { data?: { surveyTrend: { periodLabel: string; responses: number }[] }; errors?: unknown };

/** Period labels with responses, oldest first (surveyTrend's order), read as the signed-in viewer. */
async function periodsWithResponses(page: Page): Promise<string[]> {
  const response = await page.request.post('/api/graphql', {
    data: { query: 'query { surveyTrend(filter: {}) { periodLabel responses } }' },
  });
  const body = (await response.json()) as TrendBody;
  expect(body.errors).toBeUndefined();
  return body.data!.surveyTrend.filter((p) => p.responses > 0).map((p) => p.periodLabel);
}

test('agent reads the analysis of a period, switches the breakdown to 省份, compares two periods and creates a callback from a low score', async ({
  page,
  signInAs,
}) => {
  await signInAs(page, 'console', 'agent@kefu.demo');
  const periods = await periodsWithResponses(page);
  expect(periods.length, 'the demo data should have responses in at least two periods').toBeGreaterThanOrEqual(2);
  const latest = periods.at(-1)!;
  const previous = periods.at(-2)!;

  // The period's headline: the index (one decimal) and the formula that produced it.
  await page.goto(`/console/surveys/analysis?period=${encodeURIComponent(latest)}`);
  await expect(page.getByRole('heading', { level: 1, name: '满意度分析' })).toBeVisible();
  await expect(page.getByTestId('filter-period')).toContainText(latest);
  await expect(page.getByTestId('kpi-index')).toHaveText(/^\d{1,3}\.\d$/);
  await expect(page.getByTestId('analysis-formula')).toContainText('满意度指数');
  await expect(page.getByTestId('kpi-responses')).not.toHaveText('0');
  await page.getByText('指数是如何计算的？').click();
  await expect(page.getByTestId('formula-explanation')).toContainText('Σ');

  // The per-dimension chart draws bars, and the same numbers are available as a table.
  const dimensionChart = page.getByTestId('dimension-chart');
  await expect(dimensionChart.getByText('各维度得分', { exact: true })).toBeVisible();
  await expect(page.getByTestId('dimension-chart-svg').locator('svg .recharts-bar-rectangle').first()).toBeVisible();
  expect(await page.getByTestId('dimension-chart-svg').locator('svg .recharts-bar-rectangle').count()).toBeGreaterThan(
    0,
  );
  await page.getByTestId('dimension-chart-show-table').click();
  await expect(dimensionChart.getByTestId('dimension-row').first()).toBeVisible();
  await expect(page.getByTestId('question-card').first()).toBeVisible();

  // Breakdown by province: the choice lands in the URL; every segment shows its number of responses.
  await page.getByTestId('view-breakdown').click();
  await page.getByRole('button', { name: '省份', exact: true }).click(); // exact: the filter bar's 省份 picker is named "省份 全部"
  await expect(page).toHaveURL(/by=PROVINCE/);
  await expect(page.getByTestId('segment-PROVINCE')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('breakdown-chart')).toContainText('按省份的满意度指数');
  await expect(page.getByTestId('breakdown-chart-svg').locator('svg .recharts-bar-rectangle').first()).toBeVisible();
  await page.getByTestId('breakdown-chart-show-table').click();
  await expect(page.getByTestId('breakdown-row').first()).toBeVisible();

  // Two periods side by side, with Δ coloured as better / worse / unchanged.
  await page.getByTestId('view-compare').click();
  await page.getByTestId('compare-b').selectOption(latest);
  await page.getByTestId('compare-a').selectOption(previous);
  await expect(page).toHaveURL(new RegExp(`a=${encodeURIComponent(previous)}`));
  await expect(page.getByTestId('compare-index-a')).toHaveText(/^\d{1,3}\.\d$/);
  await expect(page.getByTestId('compare-index-b')).toHaveText(/^\d{1,3}\.\d$/);
  await expect(page.getByTestId('compare-index-delta')).toHaveAttribute('data-tone', /^(better|worse|same)$/);
  await expect(page.getByTestId('compare-dimension-row').first()).toBeVisible();

  // A low score followed up with one click (after confirming); the callback is then shown as a link, not offered again.
  await page.goto('/console/surveys/analysis?view=lowScores');
  const row = page
    .getByTestId('low-score-row')
    .filter({ has: page.getByTestId('low-score-create-callback') })
    .first();
  await expect(row).toBeVisible();
  const responseId = await row.getAttribute('data-response-id');
  const customer = (await row.getByTestId('low-score-customer').textContent())!.trim();
  await row.getByTestId('low-score-create-callback').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('创建回访任务？');
  await expect(dialog).toContainText(customer);
  await dialog.getByTestId('confirm-action').click();
  await expect(dialog).toBeHidden();
  const followedUp = page.locator(`[data-testid="low-score-row"][data-response-id="${responseId}"]`);
  await expect(followedUp.getByTestId('follow-up-callback-link')).toHaveAttribute('href', '/console/callbacks');
  await expect(followedUp.getByTestId('follow-up-callback-link')).toContainText('待回访');
  await expect(followedUp.getByTestId('low-score-create-callback')).toHaveCount(0);
  await expect(page.getByTestId('low-scores-notice')).toContainText(customer);

  // After a reload the server says the same: the follow-up is linked to the response.
  await page.reload();
  await expect(
    page
      .locator(`[data-testid="low-score-row"][data-response-id="${responseId}"]`)
      .getByTestId('follow-up-callback-link'),
  ).toBeVisible();
});
