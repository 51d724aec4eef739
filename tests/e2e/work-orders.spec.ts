import { expect, test } from './fixtures';
import { graphql, lodgeComplaint, signInPage } from './helpers';

// Issue 13 item 4 (SPEC §7, seed 003 售后服务): a dispatcher assigns a work order, seeing the technician's day; the
// technician works it on a phone (390×844): accepts, sets off, arrives, records the work, parts, fee and receipt,
// finishes, the customer signs on the screen, and reports back (回司反馈); the dispatcher closes it; the printed
// 派工单 carries the signature as an image.
test('a technician works an order on a phone, the customer signs on the screen, the dispatcher closes it, the PDF has the signature', async ({
  browser,
  pageAs,
  createUser,
}) => {
  // Two people, a dozen steps and a production build on a shared two-core machine: more than the default minute.
  test.setTimeout(240_000);
  const technician = await createUser({ role: 'TECHNICIAN', name: '测试师傅' });
  const dispatcherUser = await createUser({ role: 'DISPATCHER', name: '测试调度' });

  // The dispatcher's order on the demo customer (made through the API: the journey is the field work).
  const dispatcher = await pageAs('console', dispatcherUser.email, dispatcherUser.password);
  const { customers } = await graphql<{ customers: { nodes: { id: string }[] } }>(
    dispatcher,
    `
      query {
        customers(first: 1, filter: { search: "华东精密" }) {
          nodes {
            id
          }
        }
      }
    `,
  );
  const { createWorkOrder: order } = await graphql<{ createWorkOrder: { id: string; number: string } }>(
    dispatcher,
    `
      mutation ($input: CreateWorkOrderInput!) {
        createWorkOrder(input: $input) {
          id
          number
        }
      }
    `,
    {
      input: {
        customerId: customers.nodes[0]!.id,
        description: '空压机无法启动，报警代码 E07',
        siteAddress: '上海市嘉定区工业园区 8 号',
        equipment: 'AC-200',
        priority: 'HIGH',
      },
    },
  );

  // Assign on the order's page: the technician's other orders that day are shown with the choice.
  await dispatcher.goto(`/console/work-orders/${order.id}`);
  await dispatcher.getByTestId('work-order-action-ASSIGN').click();
  const assign = dispatcher.getByTestId('work-order-assign-dialog');
  await assign.getByLabel('技术员').selectOption({ label: '测试师傅' });
  await expect(assign.getByTestId('work-order-technician-day')).toContainText('当天没有其他派工单');
  await dispatcher.getByTestId('work-order-assign-save').click();
  await expect(assign).toBeHidden();
  await expect(dispatcher.getByTestId('work-order-status')).toHaveText('已派工');

  // The technician's phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true });
  const tech = await phone.newPage();
  await signInPage(tech, 'console', technician.email, technician.password);
  // The technician's 工作台 lists today's orders.
  await tech.goto('/console');
  await expect(tech.getByTestId('dashboard-work-orders')).toContainText(order.number, { timeout: 60_000 });
  await tech.goto('/console/work-orders/mine');
  await expect(tech.getByRole('heading', { name: '我的今日派工' })).toBeVisible();
  const row = tech.getByTestId('work-order-mine-row').filter({ hasText: order.number });
  await expect(row).toHaveCount(1);
  await row.getByRole('link').first().click();
  await expect(tech.getByTestId('work-order-detail')).toContainText(order.number);

  // A step (接单, 出发, 到达, 完工) is confirmed before it is taken.
  const step = async (testId: string, status: string) => {
    await tech.getByTestId(testId).click();
    await tech.getByTestId('confirm-action').click();
    await expect(tech.getByTestId('confirm-action')).toBeHidden();
    await expect(tech.getByTestId('work-order-status')).toHaveText(status);
  };
  await step('work-order-step-ACCEPT', '已接单');
  await step('work-order-step-DEPART', '处理中');
  await step('work-order-step-ARRIVE', '处理中');

  await tech.getByTestId('work-order-action-RECORD_WORK').click();
  const work = tech.getByTestId('work-order-work-dialog');
  await work.getByLabel('维修内容').fill('更换启动继电器，试机运行正常');
  await tech.getByTestId('work-order-add-part').click();
  await work.getByTestId('work-order-part-name').fill('启动继电器');
  await work.getByLabel('收费（元）').fill('120.00');
  await work.getByLabel('收据号').fill('SJ-E2E-0001');
  await tech.getByTestId('work-order-work-save').click();
  await expect(work).toBeHidden();
  await expect(tech.getByTestId('work-order-work-done-value')).toHaveText('更换启动继电器，试机运行正常');

  await step('work-order-step-FINISH', '已完工');

  // The customer signs on the screen (pointer events on the canvas), with name and feedback.
  await tech.getByTestId('work-order-action-SIGN_OFF').click();
  const sign = tech.getByTestId('work-order-sign-dialog');
  const pad = sign.getByTestId('work-order-signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await tech.mouse.move(box.x + 20, box.y + box.height / 2);
  await tech.mouse.down();
  for (let i = 1; i <= 12; i++)
    await tech.mouse.move(box.x + 20 + i * 22, box.y + box.height / 2 + (i % 2 ? -25 : 25), { steps: 2 });
  await tech.mouse.up();
  await sign.getByLabel('签收人', { exact: true }).fill('刘经理');
  await sign.getByLabel('维修反馈').fill('维修及时，满意');
  await tech.getByTestId('work-order-sign-save').click();
  await expect(sign).toBeHidden();
  await expect(tech.getByTestId('work-order-status')).toHaveText('已签收');
  await expect(tech.getByTestId('work-order-signature')).toBeVisible();
  await expect(tech.getByTestId('work-order-signer')).toHaveText('刘经理');

  // 回司反馈.
  await tech.getByTestId('work-order-action-REPORT_BACK').click();
  await tech.getByTestId('work-order-report-text').fill('故障已排除，旧继电器带回公司');
  await tech.getByTestId('work-order-report-save').click();
  await expect(tech.getByTestId('work-order-status')).toHaveText('已回司反馈');
  await phone.close();

  // The dispatcher closes the order.
  await dispatcher.reload();
  await dispatcher.getByTestId('work-order-close').click();
  await dispatcher.getByTestId('confirm-action').click();
  await expect(dispatcher.getByTestId('work-order-status')).toHaveText('已关闭');

  // The history in words: each step under its name (创建, not CREATE), what the system said, and who took it.
  const history = dispatcher.getByTestId('work-order-history');
  await expect(history.getByTestId('work-order-history-action').first()).toHaveText('创建');
  await expect(history).toContainText(`已创建派工单 ${order.number}`);
  await expect(history).toContainText('测试调度');
  await expect(history).toContainText('测试师傅');
  await expect(history).not.toContainText('CREATE');

  // The printed 派工单 carries the signature: an image XObject in the PDF.
  const pdf = await dispatcher.request.get(`/api/work-orders/${order.id}/order.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const bytes = (await pdf.body()).toString('latin1');
  expect(bytes.startsWith('%PDF-')).toBe(true);
  expect(bytes).toMatch(/\/Subtype\s*\/Image/);
});

// Issue 13 (派工 from the source): the dispatcher opens a complaint's workbench, dispatches a work order prefilled with
// the complaint's customer and fault, lands on the new order, whose origin links back to the complaint, and the
// complaint lists the order.
test('a dispatcher dispatches a work order from a complaint, and the two link to each other', async ({
  browser,
  pageAs,
  createUser,
}) => {
  test.setTimeout(120_000);
  const complaint = await lodgeComplaint(browser, '冷干机漏水', '冷干机底部漏水，需要上门检修。');
  const dispatcherUser = await createUser({ role: 'DISPATCHER', name: '派工调度' });
  const dispatcher = await pageAs('console', dispatcherUser.email, dispatcherUser.password);

  await dispatcher.goto(`/console/complaints/${complaint.id}`);
  const panel = dispatcher.getByTestId('source-work-orders');
  await expect(panel).toContainText('尚未派工');
  await panel.getByTestId('work-order-dispatch').click();
  const dialog = dispatcher.getByTestId('work-order-create-dialog');
  await expect(dialog.getByTestId('work-order-description')).toHaveValue('冷干机底部漏水，需要上门检修。');
  await dialog.getByLabel('设备', { exact: true }).fill('冷干机 RD-50');
  await dispatcher.getByTestId('work-order-create-save').click();

  await expect(dispatcher).toHaveURL(/\/console\/work-orders\/[0-9a-f-]{36}$/);
  const heading = await dispatcher.getByTestId('work-order-detail').getByRole('heading', { level: 1 }).textContent();
  const number = heading!.match(/PG-\d{4}-\d{6}/)![0];
  const source = dispatcher.getByTestId('work-order-source');
  await expect(source).toHaveText(complaint.number);
  await source.click();
  await expect(dispatcher.getByTestId('complaint-number')).toHaveText(complaint.number);
  await expect(dispatcher.getByTestId('source-work-order')).toHaveCount(1);
  await expect(dispatcher.getByTestId('source-work-order')).toContainText(number);
});
