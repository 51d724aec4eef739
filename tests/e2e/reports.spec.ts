import { expect, test } from './fixtures';
import ExcelJS from 'exceljs';

// SPEC §4 and §9: the quality manager prints a complaint's 客户投诉处理单 from the workbench, then reads the monthly
// complaint summary (counts and a chart), goes back a month (nothing registered there on a fresh database) and
// downloads the Excel file.
test('quality opens a complaint’s handling form as PDF; the monthly summary shows counts and a chart and downloads the Excel file', async ({
  page,
  signInAs,
}) => {
  await signInAs(page, 'console', 'quality@kefu.demo');
  // The report's current month follows the application clock; another journey may have moved it.
  await page.request.post('/api/test/clock', { data: { offsetMs: 0 } });

  // A complaint registered now, so this month surely has one whatever the demo data holds.
  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await page.request.post('/api/graphql', { data: { query, variables } });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
  const { customers } = await graphql<{ customers: { nodes: { id: string }[] } }>(
    '{ customers(first: 1) { nodes { id } } }',
  );
  const { recordInteraction } = await graphql<{ recordInteraction: { id: string; number: string } }>(
    'mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id number } }',
    {
      input: {
        type: 'COMPLAINT',
        channel: 'PHONE',
        customerId: customers.nodes[0]!.id,
        subject: '包装箱受潮',
        description: '到货 20 箱中 3 箱外箱受潮变形。',
        productRef: 'PKG-20',
      },
    },
  );

  await page.goto(`/console/complaints/${recordInteraction.id}`);
  await expect(page.getByTestId('complaint-number')).toHaveText(recordInteraction.number);
  const formLink = page.getByTestId('print-handling-form');
  await expect(formLink).toHaveText('打印处理单');
  // Not triaged and without an 8D record: no 8D report to print yet.
  await expect(page.getByTestId('print-eight-d')).toHaveCount(0);
  const pdf = await page.request.get((await formLink.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toMatch(/^inline;/);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await page.getByRole('link', { name: '报表', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/reports$/);
  await expect(page.getByTestId('reports-only-one')).toBeVisible();
  await page.getByTestId('report-card-complaints').getByRole('link', { name: '查看报表' }).click();
  await expect(page).toHaveURL(/\/console\/reports\/complaints$/);

  const total = page.getByTestId('kpi-total-value');
  await expect(total).toHaveText(/^\d+$/);
  const complaints = Number(await total.textContent());
  expect(complaints).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('kpi-rate-value')).toHaveText(/%$/);
  const severityChart = page.getByTestId('chart-severity');
  await expect(severityChart.locator('svg.recharts-surface[role="application"]')).toBeVisible();
  await expect(severityChart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('chart-intake').locator('.recharts-pie-sector').first()).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/^月度投诉汇总-\d{4}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  expect(workbook.worksheets.map((w) => w.name)).toContain('严重度');
  const overview = workbook.getWorksheet('概览')!;
  const totalRow = overview.getRows(1, overview.rowCount)!.find((r) => r.getCell(1).value === '投诉总数')!;
  expect(totalRow.getCell(2).value).toBe(complaints);

  // The month before, on a fresh database: the empty state; and back.
  const month = (await page.getByTestId('complaint-monthly-report').getAttribute('data-month'))!;
  await page.getByTestId('month-previous').click();
  await expect(page).toHaveURL(/\?month=\d{4}-\d{2}$/);
  await expect(page.getByTestId('report-empty')).toContainText('本月没有登记的投诉');
  await page.getByTestId('month-next').click();
  await expect(page).toHaveURL(new RegExp(`\\?month=${month}$`));
  await expect(page.getByTestId('kpi-total-value')).toHaveText(String(complaints));
});
