import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// SPEC §3–§5, the whole complaint journey in the Chinese UI: the customer lodges a complaint in the portal → the agent
// triages it to 生产部 with the handler as owner → the handler investigates, adds the corrective action, plans and
// submits the plan → the quality manager approves → the handler implements → quality verifies it effective (resolved)
// → the customer accepts the resolution in the portal → the agent records the callback (已回访) → quality closes it.

/** Runs a workflow command that asks for confirmation and waits for the new status. */
async function confirmCommand(page: Page, command: string, status: string) {
  await page.getByTestId(`command-${command}`).click();
  await page.getByTestId('confirm-action').click();
  await expect(page.getByTestId('complaint-status')).toHaveText(status);
}

test('a complaint from the portal is triaged, investigated, approved, verified, accepted, called back and closed', async ({
  pageAs,
}) => {
  test.setTimeout(180_000);
  const subject = `刹车片异响 ${randomUUID().slice(0, 8)}`;

  // 1. The customer lodges it in the portal.
  const customer = await pageAs('portal', 'customer@kefu.demo');
  await customer.goto('/portal/interactions/new');
  await expect(customer.getByTestId('intake-form')).toHaveAttribute('data-ready', 'true');
  await customer.getByLabel('主题').fill(subject);
  await customer.getByLabel('详细描述').fill('第 5 批次刹车片装车后低速制动时有明显异响。');
  await customer.getByLabel('联系电话').fill('138-0013-8000');
  await customer.getByTestId('intake-submit').click();
  await expect(customer.getByTestId('intake-number')).toHaveText(/^TS-\d{4}-\d{6}$/);
  const number = (await customer.getByTestId('intake-number').textContent())!.trim();

  // 2. The agent finds it unassigned and triages it.
  const agent = await pageAs('console', 'agent@kefu.demo');
  await agent.getByRole('link', { name: '投诉处理' }).click();
  await agent.getByTestId('queue-tab-UNASSIGNED').click();
  await expect(agent).toHaveURL(/queue=UNASSIGNED/);
  const row = agent.getByTestId('complaint-row').filter({ hasText: number });
  await expect(row).toContainText(subject);
  await expect(row).toContainText('已登记');
  await expect(row.getByTestId('triage-due')).toContainText('分派期限'); // the step it waits on is triage
  await row.getByRole('link', { name: number }).click();
  await expect(agent.getByTestId('complaint-number')).toHaveText(number);
  const workbenchUrl = agent.url();
  await expect(agent.getByTestId('command-START_INVESTIGATION')).toHaveCount(0);
  await agent.getByTestId('command-TRIAGE').click();
  const triage = agent.getByTestId('triage-dialog');
  // 重大 (or 危机) makes the 8D report required: ticked and locked, saying why.
  await triage.getByLabel('严重度').selectOption({ label: '重大' });
  await expect(triage.getByTestId('triage-requires8d')).toBeChecked();
  await expect(triage.getByTestId('triage-requires8d')).toBeDisabled();
  await expect(triage).toContainText('重大、危机投诉必须提交 8D 报告');
  await triage.getByLabel('严重度').selectOption({ label: '一般' });
  await expect(triage.getByTestId('triage-requires8d')).not.toBeChecked();
  await triage.getByLabel('原因分类').selectOption({ label: '质量问题' });
  await triage.getByLabel('责任部门').selectOption({ label: '生产部' });
  await triage.getByLabel('负责人').selectOption({ label: '赵生产（生产部） · handler@kefu.demo' });
  await agent.getByTestId('triage-submit').click();
  await expect(agent.getByTestId('complaint-status')).toHaveText('已分派');
  await expect(agent.getByTestId('complaint-department')).toHaveText('生产部');
  await expect(agent.getByTestId('complaint-owner')).toHaveText('赵生产');

  // 3. The handler records cause and action, plans and submits the plan for approval.
  const handler = await pageAs('console', 'handler@kefu.demo');
  await handler.goto('/console/complaints?queue=MINE');
  await handler.getByTestId('complaint-row').filter({ hasText: number }).getByRole('link', { name: number }).click();
  await expect(handler.getByTestId('complaint-status')).toHaveText('已分派');
  // Every step that waits on someone shows its own due time and who it waits on (here: the owner).
  await expect(handler.getByTestId('complaint-step-due')).toContainText('调查/8D');
  await expect(handler.getByTestId('complaint-step-waits-on')).toHaveText('等待：赵生产');
  await confirmCommand(handler, 'START_INVESTIGATION', '调查中');
  await expect(handler.getByTestId('command-PLAN_ACTIONS')).toHaveCount(0);
  await expect(handler.getByTestId('blocked-commands')).toContainText('至少需要一项纠正措施');
  await handler.getByTestId('action-add').click();
  const dialog = handler.getByTestId('action-dialog');
  await dialog.getByLabel('类型').selectOption({ label: '纠正措施' });
  await dialog.getByLabel('内容').fill('根因：摩擦材料批次混料。更换第 5 批次摩擦材料，并加严出厂 NVH 抽检。');
  // Every action has an owner (told of it) and a due date (past it, the action escalates).
  await dialog.getByLabel('负责人').selectOption({ label: '赵生产（生产部）' });
  await dialog.getByLabel('完成期限').fill('2026-12-31');
  await handler.getByTestId('action-submit').click();
  await expect(handler.getByTestId('action-row')).toContainText('更换第 5 批次摩擦材料');
  await expect(handler.getByTestId('complaint-history')).toContainText('添加措施');
  // The action is the handler's: counted on their 工作台 and listed on the action tracking page, with its complaint.
  await handler.goto('/console');
  await expect(handler.getByTestId('dashboard-actions-MINE')).not.toContainText('—');
  await handler.getByTestId('dashboard-actions-MINE').click();
  await expect(handler.getByTestId('action-queue-row').filter({ hasText: number })).toContainText(
    '更换第 5 批次摩擦材料',
  );
  await handler.goto(workbenchUrl);
  await confirmCommand(handler, 'PLAN_ACTIONS', '措施已制定');
  await confirmCommand(handler, 'SUBMIT_FOR_APPROVAL', '待审批');

  // 4. The quality manager approves the plan (核决权限 for a general complaint).
  const quality = await pageAs('console', 'quality@kefu.demo');
  await quality.goto(workbenchUrl);
  // The approval dialog shows the plan being approved and takes 审批意见, which the history keeps.
  await quality.getByTestId('command-APPROVE').click();
  const approval = quality.getByTestId('approve-dialog');
  await expect(approval).toContainText('更换第 5 批次摩擦材料');
  await approval.getByLabel('审批意见（记入处理历史）').fill('同意，注意跟踪第 6 批次。');
  await quality.getByTestId('approve-submit').click();
  await expect(quality.getByTestId('complaint-status')).toHaveText('实施中');
  await expect(quality.getByTestId('complaint-step-due')).toContainText('措施实施');
  await expect(quality.getByTestId('complaint-approvals')).toContainText('批准');
  await expect(quality.getByTestId('complaint-approvals')).toContainText('同意，注意跟踪第 6 批次。');
  await expect(quality.getByTestId('complaint-history')).toContainText('同意，注意跟踪第 6 批次。');

  // 5. The handler carries out the action and completes the implementation.
  await handler.reload();
  await expect(handler.getByTestId('complaint-status')).toHaveText('实施中');
  await handler.getByTestId('action-edit').click();
  await handler.getByTestId('action-status').selectOption({ label: '已完成' });
  await handler.getByTestId('action-submit').click();
  await expect(handler.getByTestId('action-row')).toContainText('已完成');
  await confirmCommand(handler, 'COMPLETE_IMPLEMENTATION', '效果验证中');

  // 6. Quality verifies the effect: resolved, and the callback task is created.
  await quality.reload();
  await quality.getByTestId('command-VERIFY').click();
  await quality.getByTestId('verify-effective').check();
  await expect(quality.getByTestId('verify-dialog')).toContainText('此说明将展示给客户');
  await quality.getByLabel('验证说明').fill('连续 3 批抽检无异响。');
  await quality.getByTestId('verify-submit').click();
  await expect(quality.getByTestId('complaint-status')).toHaveText('已解决');
  await expect(quality.getByTestId('complaint-callbacks')).toContainText('投诉回访');

  // 7. The customer sees it resolved and accepts the resolution.
  await customer.goto('/portal/interactions');
  const mine = customer.getByTestId('portal-interactions').locator('tr').filter({ hasText: number });
  await expect(mine.getByTestId('awaits-confirmation')).toHaveText('待您确认');
  await mine.getByRole('link', { name: number }).click();
  await expect(customer.getByTestId('interaction-status')).toHaveText('已解决');
  await customer.getByTestId('resolution-accept').click();
  await customer.getByLabel('意见（可选）').fill('异响已消除，谢谢。');
  await customer.getByTestId('resolution-submit').click();
  await expect(customer.getByTestId('resolution-feedback')).toContainText('您已接受处理结果');

  // 8. The agent records the callback: the complaint's follow-up is done.
  await agent.goto(workbenchUrl);
  await expect(agent.getByTestId('complaint-status')).toHaveText('已解决');
  const panel = agent.getByTestId('complaint-callbacks');
  await panel.getByTestId('complaint-callback-record').click();
  const callback = agent.getByTestId('record-callback-dialog');
  await callback.getByRole('radio', { name: /^满意，无问题/ }).check();
  for (const [group, score] of [
    ['准确性', '5 分'],
    ['及时性', '4 分'],
    ['服务态度', '5 分'],
  ] as const) {
    await callback.getByRole('radiogroup', { name: group }).getByRole('radio', { name: score }).check();
  }
  await callback.getByLabel('回访记录').fill('客户确认装车后无异响。');
  await agent.getByTestId('record-callback-submit').click();
  await expect(callback).toBeHidden();
  await expect(agent.getByTestId('complaint-status')).toHaveText('已回访');

  // 9. Quality finds it in 待关闭 (follow-up done, awaiting closure) and confirms the closure.
  await quality.getByRole('link', { name: '投诉处理' }).click();
  await quality.getByTestId('queue-tab-AWAITING_CLOSURE').click();
  await expect(quality).toHaveURL(/queue=AWAITING_CLOSURE/);
  await expect(quality.getByTestId('queue-tab-AWAITING_CLOSURE')).toContainText('待关闭');
  const closing = quality.getByTestId('complaint-row').filter({ hasText: number });
  await expect(closing).toContainText('已回访');
  await closing.getByRole('link', { name: number }).click();
  await expect(quality.getByTestId('complaint-number')).toHaveText(number);
  // Quality confirms the closure on today's date.
  await quality.getByTestId('command-CLOSE').click();
  await expect(quality.getByTestId('close-date')).toContainText('关闭日期');
  await quality.getByLabel('关闭意见（可选，记入处理历史）').fill('回访满意，准予关闭。');
  await quality.getByTestId('close-submit').click();
  await expect(quality.getByTestId('complaint-status')).toHaveText('已关闭');
  await expect(quality.getByTestId('complaint-history')).toContainText('回访满意，准予关闭。');

  // The customer's timeline shows the closed record.
  await customer.reload();
  await expect(customer.getByTestId('interaction-status')).toHaveText('已关闭');
  for (const page of [customer, agent, handler, quality]) await page.context().close();
});
