import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { randomUUID } from 'node:crypto';

// SPEC §6: an agent creates a survey campaign for the customers in 上海 from the default template and launches it; the
// demo customer (华东精密汽配有限公司, province 上海) finds it in the portal, answers in Chinese, saves, reloads (the
// answers are still there) and submits; back in the console the campaign shows one response and a response rate > 0.

/** Today's date on the company's clock: the campaign opens at 00:00 today, so it is open whatever the hour. */
const todayInShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Answers every question of the form in a way each type accepts (the default template's questions are not fixed here). */
async function answerAll(page: Page) {
  const questions = page.getByTestId('survey-question');
  const count = await questions.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i += 1) {
    const question = questions.nth(i);
    const type = await question.getAttribute('data-question-type');
    if (type === 'RATING_5') await question.getByTestId('rating-option-4').click();
    else if (type === 'RATING_10') await question.getByTestId('rating-option-8').click();
    else if (type === 'NPS') await question.getByTestId('rating-option-9').click();
    else if (type === 'SINGLE_CHOICE' || type === 'MULTI_CHOICE')
      await question.locator('[data-testid^="choice-option-"]').first().click();
    else await question.getByRole('textbox').fill('交货及时，售后工程师响应很快，服务态度很好。');
  }
  return count;
}

/** The answers given by answerAll() are what the form shows. */
async function expectAnswered(question: Locator) {
  const type = await question.getAttribute('data-question-type');
  if (type === 'RATING_5') await expect(question.getByRole('radio', { name: '4', exact: true })).toBeChecked();
  else if (type === 'RATING_10') await expect(question.getByRole('radio', { name: '8', exact: true })).toBeChecked();
  else if (type === 'NPS') await expect(question.getByRole('radio', { name: '9', exact: true })).toBeChecked();
  else if (type === 'SINGLE_CHOICE') await expect(question.getByRole('radio').first()).toBeChecked();
  else if (type === 'MULTI_CHOICE') await expect(question.getByRole('checkbox').first()).toBeChecked();
  else await expect(question.getByRole('textbox')).toHaveValue('交货及时，售后工程师响应很快，服务态度很好。');
}

test('agent launches a survey for 上海; the customer answers it through the portal link; the console counts the response', async ({
  pageAs,
}) => {
  const name = `上海客户满意度调查 ${randomUUID().slice(0, 8)}`;

  // ── the agent creates and launches the campaign ──
  const agentPage = await pageAs('console', 'agent@kefu.demo');
  await agentPage.getByRole('link', { name: '满意度调查' }).click();
  await expect(agentPage).toHaveURL(/\/console\/surveys$/);
  await agentPage.getByTestId('campaign-new').click();
  await expect(agentPage).toHaveURL(/\/console\/surveys\/campaigns\/new$/);
  const form = agentPage.getByTestId('campaign-form');
  await expect(form).toHaveAttribute('data-ready', 'true');
  // The default template is preselected once the templates are in.
  await expect(agentPage.getByTestId('campaign-template')).not.toHaveValue('');
  await expect(agentPage.getByTestId('campaign-template').locator('option:checked')).toContainText(
    '认证客户满意度调查表',
  ); // seeded on every database
  await agentPage.getByTestId('campaign-name').fill(name);
  await agentPage.getByTestId('campaign-period-pick-quarter').click();
  await agentPage.getByTestId('campaign-opens').fill(`${todayInShanghai()}T00:00`);
  await agentPage.getByTestId('audience-mode-segment').check();
  await agentPage.getByTestId('audience-province-上海').check();
  await expect(agentPage.getByTestId('audience-preview-count')).not.toHaveAttribute('data-count', '0');
  await agentPage.getByTestId('campaign-save').click();

  await expect(agentPage).toHaveURL(/\/console\/surveys\/campaigns\/[0-9a-f-]{36}$/);
  const campaignUrl = agentPage.url();
  await expect(agentPage.getByTestId('campaign-name')).toHaveText(name);
  await expect(agentPage.getByTestId('campaign-status')).toHaveText('草稿');
  await expect(agentPage.getByTestId('campaign-audience')).toContainText('上海');

  await agentPage.getByTestId('campaign-launch').click();
  // The page keeps its other (closed, empty) confirmation dialogs in the DOM: take the open one.
  const confirm = agentPage.getByTestId('confirm-dialog').filter({ visible: true });
  await expect(confirm).toContainText('位客户生成个人问卷链接');
  await agentPage.getByTestId('confirm-action').click();
  await expect(agentPage.getByTestId('campaign-status')).toHaveText('进行中');
  await expect(agentPage.getByTestId('stat-invited')).not.toHaveText('0');
  await expect(agentPage.getByTestId('invitation-row').filter({ hasText: '华东精密汽配有限公司' })).toHaveCount(1);
  await agentPage.context().close();

  // ── the customer answers through the personal link found in the portal ──
  const customerPage = await pageAs('portal', 'customer@kefu.demo');
  await customerPage.getByTestId('portal-service-surveys').getByRole('link').click();
  await expect(customerPage).toHaveURL(/\/portal\/surveys$/);
  const card = customerPage.getByTestId('portal-survey').filter({ hasText: name });
  await expect(card).toContainText('待填写');
  await card.getByTestId('portal-survey-open').click();
  await expect(customerPage).toHaveURL(/\/s\/[^/]+$/);
  const linkForm = customerPage.getByTestId('survey-link-form');
  await expect(linkForm).toHaveAttribute('data-ready', 'true');
  await expect(customerPage.getByTestId('survey-campaign')).toHaveText(name);
  await expect(customerPage.getByTestId('survey-customer')).toContainText('华东精密汽配有限公司');

  const total = await answerAll(customerPage);
  await expect(customerPage.getByTestId('survey-progress')).toHaveAttribute('data-answered', String(total));
  await expect(customerPage.getByTestId('survey-progress')).toContainText(`已完成 ${total}/${total}`);
  await customerPage.getByTestId('survey-save').click();
  await expect(customerPage.getByTestId('survey-save-status')).toHaveAttribute('data-status', 'saved');

  // Resume: after a reload the draft answers are back.
  await customerPage.reload();
  await expect(linkForm).toHaveAttribute('data-ready', 'true');
  await expect(customerPage.getByTestId('survey-progress')).toHaveAttribute('data-answered', String(total));
  const questions = customerPage.getByTestId('survey-question');
  for (let i = 0; i < total; i += 1) await expectAnswered(questions.nth(i));

  await customerPage.getByTestId('survey-submit').click();
  await expect(customerPage.getByTestId('survey-thank-you')).toContainText('感谢您的反馈');
  // One response per link: opening it again says so.
  await customerPage.reload();
  await expect(customerPage.getByTestId('survey-state-SUBMITTED')).toBeVisible();
  await customerPage.context().close();

  // ── back in the console the campaign counts the response ──
  const consolePage = await pageAs('console', 'agent@kefu.demo');
  await consolePage.goto(campaignUrl);
  await expect(consolePage.getByTestId('stat-responded')).toHaveAttribute('data-value', '1');
  const rate = Number(await consolePage.getByTestId('stat-response-rate').getAttribute('data-value'));
  expect(rate).toBeGreaterThan(0);
  const row = consolePage.getByTestId('invitation-row').filter({ hasText: '华东精密汽配有限公司' });
  await expect(row.getByTestId('invitation-state')).toHaveText('已答复');
  await expect(row.getByTestId('invitation-response-link')).toBeVisible();

  // The campaign's analysis counts the one response: an index with its formula, and the dimension chart draws.
  await consolePage.getByTestId('campaign-analysis-link').click();
  await expect(consolePage).toHaveURL(/\/console\/surveys\/analysis\?campaign=/);
  await expect(consolePage.getByTestId('kpi-responses')).toHaveText('1');
  await expect(consolePage.getByTestId('kpi-index')).toHaveText(/^\d{1,3}\.\d$/);
  await expect(consolePage.getByTestId('analysis-formula')).toContainText('满意度指数');
  await expect(
    consolePage.getByTestId('dimension-chart-svg').locator('svg .recharts-bar-rectangle').first(),
  ).toBeVisible();
  await consolePage.context().close();
});
