import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { signIn } from './helpers';

// SPEC §4: the complaint workflow in the console. The demo data holds no complaints, so the customer lodges one
// through the API first (as the signed-in portal user); then the agent triages it to 生产部 with the handler as owner,
// and the handler starts the investigation and adds a corrective action.
test('agent triages a complaint to 生产部; the handler starts the investigation and adds a corrective action', async ({ browser }) => {
  const subject = `刹车片异响 ${randomUUID().slice(0, 8)}`;

  const customer = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const customerPage = await customer.newPage();
  await signIn(customerPage, 'portal', 'customer@kefu.demo');
  const response = await customerPage.request.post('/api/graphql', {
    data: {
      query: 'mutation ($input: SubmitInteractionInput!) { submitInteraction(input: $input) { id number } }',
      variables: { input: { idempotencyKey: randomUUID(), type: 'COMPLAINT', subject, description: '第 5 批次刹车片装车后低速制动时有明显异响。' } },
    },
  });
  const body = (await response.json()) as { data?: { submitInteraction: { id: string; number: string } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  const { id, number } = body.data!.submitInteraction;
  await customer.close();

  // The agent finds it in the unassigned queue and triages it.
  const agent = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const agentPage = await agent.newPage();
  await signIn(agentPage, 'console', 'agent@kefu.demo');
  await agentPage.getByRole('link', { name: '投诉处理' }).click();
  await expect(agentPage).toHaveURL(/\/console\/complaints/);
  await agentPage.getByTestId('queue-tab-UNASSIGNED').click();
  await expect(agentPage).toHaveURL(/queue=UNASSIGNED/);
  const row = agentPage.getByTestId('complaint-row').filter({ hasText: number });
  await expect(row).toContainText(subject);
  await expect(row).toContainText('已登记');
  await row.getByRole('link', { name: number }).click();
  await expect(agentPage).toHaveURL(new RegExp(`/console/complaints/${id}$`));
  await expect(agentPage.getByTestId('complaint-number')).toHaveText(number);
  await expect(agentPage.getByTestId('complaint-status')).toHaveText('已登记');
  await expect(agentPage.getByTestId('command-START_INVESTIGATION')).toHaveCount(0);

  await agentPage.getByTestId('command-TRIAGE').click();
  const triage = agentPage.getByTestId('triage-dialog');
  await triage.getByLabel('严重度').selectOption({ label: '一般' });
  await triage.getByLabel('原因分类').selectOption({ label: '质量问题' });
  await triage.getByLabel('责任部门').selectOption({ label: '生产部' });
  await triage.getByLabel('负责人').selectOption({ label: '赵生产（生产部） · handler@kefu.demo' });
  await agentPage.getByTestId('triage-submit').click();
  await expect(agentPage.getByTestId('complaint-status')).toHaveText('已分派');
  await expect(agentPage.getByTestId('complaint-department')).toHaveText('生产部');
  await expect(agentPage.getByTestId('complaint-owner')).toHaveText('赵生产');
  await expect(agentPage.getByTestId('complaint-history')).toContainText('分派');
  await agent.close();

  // The handler sees it in 我的, starts the investigation and adds a corrective action.
  const handler = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const handlerPage = await handler.newPage();
  await signIn(handlerPage, 'console', 'handler@kefu.demo');
  await handlerPage.goto('/console/complaints?queue=MINE');
  const mine = handlerPage.getByTestId('complaint-row').filter({ hasText: number });
  await expect(mine).toContainText('已分派');
  await expect(mine).toContainText('生产部');
  await mine.getByRole('link', { name: number }).click();
  await expect(handlerPage).toHaveURL(new RegExp(`/console/complaints/${id}$`));
  await expect(handlerPage.getByTestId('complaint-status')).toHaveText('已分派');

  await handlerPage.getByTestId('command-START_INVESTIGATION').click();
  await handlerPage.getByTestId('confirm-action').click();
  await expect(handlerPage.getByTestId('complaint-status')).toHaveText('调查中');
  // Planning needs at least one corrective action, so the command is not offered yet.
  await expect(handlerPage.getByTestId('command-PLAN_ACTIONS')).toHaveCount(0);
  await expect(handlerPage.getByTestId('blocked-commands')).toContainText('至少需要一项纠正措施'); // the workbench says why

  await handlerPage.getByTestId('action-add').click();
  const dialog = handlerPage.getByTestId('action-dialog');
  await dialog.getByLabel('类型').selectOption({ label: '纠正措施' });
  await dialog.getByLabel('内容').fill('更换第 5 批次摩擦材料供应商批次，并加严出厂 NVH 抽检。');
  await dialog.getByLabel('完成期限').fill('2026-12-31');
  await handlerPage.getByTestId('action-submit').click();
  const action = handlerPage.getByTestId('action-row');
  await expect(action).toHaveCount(1);
  await expect(action).toContainText('纠正措施');
  await expect(action).toContainText('更换第 5 批次摩擦材料');
  await expect(action).toContainText('2026-12-31');
  await expect(handlerPage.getByTestId('complaint-history')).toContainText('添加措施');
  await expect(handlerPage.getByTestId('command-PLAN_ACTIONS')).toBeVisible();
  await handler.close();
});
