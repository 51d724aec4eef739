import { expect, test } from './fixtures';

test('a customer lodges a complaint in the portal, sees its TS- number and timeline; a visitor tracks it with number + phone', async ({
  page,
  browser,
  signInAs,
}) => {
  await signInAs(page, 'portal', 'customer@kefu.demo');
  await page.getByTestId('portal-service-lodge').getByRole('link').click();
  await expect(page).toHaveURL(/\/portal\/interactions\/new$/);
  await expect(page.getByRole('heading', { name: '提交投诉或咨询' })).toBeVisible();
  await expect(page.getByTestId('intake-form')).toHaveAttribute('data-ready', 'true');

  // A field error first: the subject is required.
  await page.getByLabel('详细描述').fill('第 3 批次制动盘外径超差 0.2 mm，影响装配。');
  await page.getByTestId('intake-submit').click();
  await expect(page.getByTestId('intake-error-subject')).toHaveText('主题必填');

  await page.getByLabel('主题').fill('制动盘尺寸超差');
  await page.getByLabel('联系电话').fill('138-0013-8000');
  await page.getByLabel('订单号/批次号').fill('PO-2026-0815');
  await page
    .getByLabel('附件')
    .setInputFiles({ name: '检测记录.txt', mimeType: 'text/plain', buffer: Buffer.from('外径实测 120.2 mm') });
  await page.getByTestId('intake-submit').click();

  const number = page.getByTestId('intake-number');
  await expect(number).toHaveText(/^TS-\d{4}-\d{6}$/);
  const complaintNumber = (await number.textContent())!.trim();

  await page.getByRole('link', { name: '查看详情' }).click();
  await expect(page.getByTestId('interaction-number')).toHaveText(complaintNumber);
  await expect(page.getByTestId('interaction-status')).toHaveText('已受理');
  await expect(page.getByTestId('intake-timeline')).toContainText('已受理');
  await expect(page.getByRole('link', { name: '检测记录.txt' })).toBeVisible();

  await page.getByRole('link', { name: '返回列表' }).click();
  await expect(page.getByTestId('portal-interactions')).toContainText(complaintNumber);

  // An anonymous visitor (no session) checks the status: a wrong phone is not found, the right one shows the timeline.
  const visitor = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const anonymousPage = await visitor.newPage();
  await anonymousPage.goto('/track');
  await expect(anonymousPage.getByTestId('track-form')).toHaveAttribute('data-ready', 'true');
  await anonymousPage.getByLabel('受理编号').fill(complaintNumber);
  await anonymousPage.getByLabel('联系电话').fill('13900000000');
  await anonymousPage.getByTestId('track-submit').click();
  await expect(anonymousPage.getByTestId('track-error')).toHaveText('未找到匹配的记录，请核对受理编号和联系电话。');

  await anonymousPage.getByLabel('联系电话').fill('138 0013 8000');
  await anonymousPage.getByTestId('track-submit').click();
  await expect(anonymousPage.getByTestId('track-status')).toHaveText('已受理');
  await expect(anonymousPage.getByTestId('track-result')).toContainText(complaintNumber);
  await expect(anonymousPage.getByTestId('intake-timeline')).toContainText('已受理');
  await visitor.close();
});

test('an anonymous visitor lodges a consultation at /submit and gets a ZX- number', async ({ page }) => {
  await page.goto('/submit');
  await expect(page.getByTestId('intake-form')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('intake-form').getByText('咨询', { exact: true }).click();
  await page.getByLabel('公司名称').fill('苏州来访科技有限公司');
  await page.getByLabel('联系人').fill('李女士');
  await page.getByLabel('联系电话').fill('0512-6666 8888');
  await page.getByLabel('主题').fill('咨询年度监督审核安排');
  await page.getByLabel('详细描述').fill('想了解监督审核的时间安排和所需材料。');
  await page.getByTestId('intake-submit').click();
  await expect(page.getByTestId('intake-number')).toHaveText(/^ZX-\d{4}-\d{6}$/);
});

test('an agent records a phone consultation on a customer (来电记录), finds it in the list and converts it to a complaint', async ({
  page,
  signInAs,
}) => {
  await signInAs(page, 'console', 'agent@kefu.demo');
  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '咨询与投诉' }).click();
  await expect(page).toHaveURL(/\/console\/interactions$/);
  await expect(page.getByTestId('status-counts')).toContainText('全部');
  await page.getByTestId('record-interaction').click();
  await expect(page.getByTestId('record-form')).toHaveAttribute('data-ready', 'true');

  // The picker answers only once the form is hydrated, so choose the customer first, then the type.
  await page.getByTestId('customer-picker-input').fill('华东精密');
  await page.getByTestId('customer-picker-option').first().click();
  await page.getByLabel('类型').selectOption('CONSULTATION');
  await expect(page.getByLabel('类型')).toHaveValue('CONSULTATION');
  await page.getByLabel('主题').fill('来电咨询换货流程');
  await page.getByLabel('详细描述').fill('客户来电询问不合格品换货需要哪些资料。');
  await page.getByTestId('record-submit').click();

  await expect(page.getByTestId('interaction-number')).toHaveText(/^ZX-\d{4}-\d{6}$/);
  const consultation = (await page.getByTestId('interaction-number').textContent())!.trim();
  await expect(page.getByTestId('interaction-history')).toContainText('已受理');

  await page.getByTestId('convert-to-complaint').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('将此记录转为投诉？');
  await page.getByTestId('confirm-action').click();
  await expect(page.getByTestId('interaction-number')).toHaveText(/^TS-\d{4}-\d{6}$/);
  await expect(page.getByRole('link', { name: consultation })).toBeVisible();

  await page.goto(`/console/interactions?search=${encodeURIComponent('来电咨询换货')}`);
  await expect(page.getByTestId('interaction-total')).toHaveText('共 2 条');
});
