import { execFileSync } from 'node:child_process';
import { expect, test } from './fixtures';

// SPEC §9: the service manager opens the quarterly complaint & service report in the Chinese console, downloads its
// PDF and reads it back with pdftotext (poppler-utils): the title, the period, a chart caption and the top-cause
// table; then subscribes a role to the quarterly report and sees it listed.
test('the service manager downloads the quarterly report PDF (title, period, chart caption, top causes) and subscribes a role', async ({
  page,
  signInAs,
}, testInfo) => {
  await signInAs(page, 'console', 'manager@kefu.demo');
  await page.request.post('/api/test/clock', { data: { offsetMs: 0 } });

  // The current quarter in Shanghai: the demo complaints (triaged with a cause and a department) were registered in it.
  const local = new Date(Date.now() + 8 * 3600 * 1000);
  const quarter = `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
  const quarterTitle = `${local.getUTCFullYear()} 年第 ${Math.floor(local.getUTCMonth() / 3) + 1} 季度`;

  await page.goto('/console/reports');
  await page.getByTestId('report-card-periodic').getByRole('link', { name: '打开报告' }).click();
  await expect(page).toHaveURL(/\/console\/reports\/periodic$/);
  await expect(page.getByRole('heading', { name: '投诉与服务报告' })).toBeVisible();
  await page.goto(`/console/reports/periodic?kind=QUARTER&period=${quarter}`);
  await expect(page.getByTestId('period-current')).toHaveText(quarter);
  const topCauses = page.getByTestId('periodic-top-causes');
  await expect(topCauses.getByRole('row').nth(1)).toContainText(/质量问题|非质量问题/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('periodic-export-pdf').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`投诉与服务报告-${quarter}.pdf`);
  const file = testInfo.outputPath('quarter.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain(`${quarterTitle}投诉与服务报告`);
  expect(text).toContain(`报告期 ${quarter}`);
  expect(text).toMatch(/图 1\s+按严重度的投诉数/);
  expect(text).toMatch(/投诉原因帕累托图/);
  expect(text).toContain('主要原因及其纠正/预防措施状态');
  expect(text).toMatch(/原因 · 责任部门\s+投诉数\s+措施数\s+进行中\s+已完成\s+已验证\s+逾期/);
  expect(text).toMatch(/1\s+(非)?质量问题 · \S+\s+\d+/);

  // Subscribe the executives to the quarterly report (the service manager has settings:manage).
  await page.getByTestId('subscribe').click();
  const dialog = page.getByTestId('subscribe-dialog');
  await dialog.getByTestId('subscribe-kind').selectOption('QUARTER');
  await dialog.getByTestId('subscribe-subscriber').selectOption('EXECUTIVE');
  await dialog.getByRole('button', { name: '订阅', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByTestId('report-subscriptions').getByRole('row', { name: /季度.*角色：总经理\/主管副总.*次月 2 日/ }),
  ).toBeVisible();
});
