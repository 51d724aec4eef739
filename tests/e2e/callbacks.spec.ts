import { expect, test } from './fixtures';

// SPEC §4–§5: a resolved complaint is followed up by its callback. The demo data holds one resolved complaint
// (发票抬头错误, registered by the agent), whose post-resolution callback is the agent's. The agent finds it in 回访 →
// 我的, opens the complaint, sees that the follow-up waits for the callback, records the callback script (one score
// chosen with the keyboard), and the complaint shows 已回访.
test('an agent records the callback of a resolved complaint and the complaint shows 已回访', async ({
  page,
  signInAs,
}) => {
  await signInAs(page, 'console', 'agent@kefu.demo');
  await page.getByRole('link', { name: '回访', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/callbacks/);
  await page.getByTestId('callback-tab-MINE').click();
  await expect(page).toHaveURL(/queue=MINE/);

  const row = page.getByTestId('callback-row').filter({ hasText: '投诉回访' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('待回访');
  await expect(row.getByTestId('due-remaining')).toBeVisible(); // due within 7 days of the resolution
  await expect(row).toContainText('拨打：'); // whom to call, with a tel: link
  const number = (await row.getByRole('link', { name: /^TS-\d{4}-\d{6}$/ }).textContent())!.trim();
  await row.getByRole('link', { name: number }).click();

  await expect(page).toHaveURL(/\/console\/complaints\/[0-9a-f-]+$/);
  await expect(page.getByTestId('complaint-number')).toHaveText(number);
  await expect(page.getByTestId('complaint-status')).toHaveText('已解决');
  // The follow-up is the callback: the step itself is not offered, and the workbench says why.
  await expect(page.getByTestId('command-COMPLETE_FOLLOW_UP')).toHaveCount(0);
  await expect(page.getByTestId('blocked-commands')).toContainText('须先记录回访结果');
  const panel = page.getByTestId('complaint-callbacks');
  await expect(panel.getByTestId('callback-follow-up-hint')).toBeVisible();

  await panel.getByTestId('complaint-callback-record').click();
  const dialog = page.getByTestId('record-callback-dialog');
  await expect(dialog).toContainText('投诉回访');
  await expect(dialog.getByTestId('record-callee')).toContainText('拨打：');
  await expect(dialog.getByTestId('record-callee').getByRole('link')).toHaveAttribute('href', /^tel:/);
  await dialog.getByRole('radio', { name: /^满意，无问题/ }).check();

  // Saved without scores: the server's field messages appear under the score groups.
  await page.getByTestId('record-callback-submit').click();
  await expect(dialog).toContainText('请评分（1–5 分）');

  await dialog.getByRole('radiogroup', { name: '准确性' }).getByRole('radio', { name: '5 分' }).check();
  // Keyboard: focus 4 in 及时性 and move to 5 with the arrow key, as a radio group does.
  const timeliness = dialog.getByRole('radiogroup', { name: '及时性' });
  await timeliness.getByRole('radio', { name: '4 分' }).check();
  await timeliness.getByRole('radio', { name: '4 分' }).press('ArrowRight');
  await expect(timeliness.getByRole('radio', { name: '5 分' })).toBeChecked();
  await dialog.getByRole('radiogroup', { name: '服务态度' }).getByRole('radio', { name: '4 分' }).check();
  await dialog.getByLabel('建议').fill('希望发票开具前与我方财务再确认一次抬头。');
  await dialog.getByLabel('回访记录').fill('客户财务确认新发票已收到并入账。');
  await page.getByTestId('record-callback-submit').click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('complaint-status')).toHaveText('已回访');
  await expect(panel.getByTestId('complaint-callback-status')).toHaveText('已完成');
  await expect(panel.getByTestId('complaint-callback-scores')).toHaveText('准确性 5 · 及时性 5 · 服务态度 4');
  await expect(page.getByTestId('complaint-history')).toContainText('记录回访');
  await expect(page.getByTestId('complaint-history')).toContainText('回访已完成');

  // The task has left the agent's pending queue and is among the done ones.
  await page.goto('/console/callbacks?queue=DONE');
  const done = page.getByTestId('callback-row').filter({ hasText: number });
  await expect(done).toContainText('已完成');
  await expect(done).toContainText('满意，无问题');
});
