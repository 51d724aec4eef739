import { expect, test } from './fixtures';

// Issue 14 item 2 (SPEC §9): the manager opens the KPI dashboard from the 工作台, switches the period from the month
// to the quarter, narrows it to one product, clicks the product's bar and lands on the list of exactly those
// complaints.
test('经理打开 KPI 看板，切换期间，点击柱形进入对应投诉列表', async ({ page, signInAs }) => {
  test.setTimeout(180_000);
  await signInAs(page, 'console', 'manager@kefu.demo');
  await page.request.post('/api/test/clock', { data: { offsetMs: 0 } });
  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await page.request.post('/api/graphql', { data: { query, variables } });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
  const product = `KPI-${Date.now()}`;
  const { customers } = await graphql<{ customers: { nodes: { id: string }[] } }>(
    '{ customers(first: 1) { nodes { id } } }',
  );
  const { recordInteraction } = await graphql<{ recordInteraction: { number: string } }>(
    'mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { number } }',
    {
      input: {
        type: 'COMPLAINT',
        channel: 'PHONE',
        customerId: customers.nodes[0]!.id,
        subject: '齿轮异响',
        description: '装机后齿轮箱异响。',
        productRef: product,
      },
    },
  );

  await page.goto('/console');
  await expect(page.getByTestId('dashboard-kpi')).toContainText('KPI 看板');
  await page.getByRole('link', { name: '打开 KPI 看板' }).click();
  await expect(page).toHaveURL(/\/console\/dashboard/);
  await expect(page.getByTestId('kpi-period')).toHaveText(/^\d{4}-\d{2}$/);
  await expect(page.getByTestId('kpi-total')).toBeVisible();
  // Figures come from a computation at most a few minutes old: the page says when it was made.
  await expect(page.getByTestId('kpi-computed-at')).toContainText(/数据更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

  // The quarter holding this month, then back one quarter and forward again.
  await page.getByTestId('kpi-kind-QUARTER').click();
  await expect(page.getByTestId('kpi-period')).toHaveText(/^\d{4}-Q[1-4]$/);
  const quarter = await page.getByTestId('kpi-period').textContent();
  await page.getByRole('button', { name: '上一期' }).click();
  await expect(page.getByTestId('kpi-period')).not.toHaveText(quarter!);
  await page.getByRole('button', { name: '下一期' }).click();
  await expect(page.getByTestId('kpi-period')).toHaveText(quarter!);
  await expect(page.getByText('对比上期')).toBeVisible();

  // One product: its bar on the Pareto chart opens the list of its complaints.
  await page.getByLabel('产品/零件').fill(product);
  await page.getByRole('button', { name: '应用' }).click();
  await expect(page).toHaveURL(new RegExp(`product=${product}`));
  await expect(page.getByTestId('kpi-total')).toContainText('1');
  const chart = page.getByTestId('kpi-chart-product');
  await chart.locator('.recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(/\/console\/interactions\?.*type=COMPLAINT/);
  await expect(page).toHaveURL(new RegExp(`product=${product}`));
  await expect(page.getByTestId('interaction-row')).toHaveCount(1);
  await expect(page.getByTestId('interaction-row')).toContainText(recordInteraction.number);
});
