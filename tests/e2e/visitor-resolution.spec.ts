import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';

// SPEC §4 "customer's feedback on the disposition recorded", for a contact without a portal account: a complaint a
// visitor wrote in, resolved (the test fixture route takes it through the workflow's services), is accepted from
// /track with its number and phone, and another is disputed from the "please confirm" mail's signed link.
async function resolvedVisitorComplaint(request: APIRequestContext) {
  const response = await request.post('/api/test/resolved-complaint');
  expect(response.ok()).toBe(true);
  return (await response.json()) as { number: string; phone: string; link: string };
}

test('a visitor without an account accepts a resolution from /track', async ({ page }) => {
  const complaint = await resolvedVisitorComplaint(page.request);
  await page.goto(`/track?number=${complaint.number}`);
  await expect(page.getByTestId('track-form')).toHaveAttribute('data-ready', 'true');
  await page.getByLabel('联系电话').fill(complaint.phone);
  await page.getByTestId('track-submit').click();
  const result = page.getByTestId('track-result');
  await expect(result.getByTestId('track-status')).toHaveText('已解决');
  await expect(result.getByTestId('resolution-response')).toContainText('处理结果已完成，请您确认');
  await result.getByTestId('resolution-accept').click();
  await page.getByLabel('意见（可选）').fill('新发票已收到。');
  await page.getByTestId('resolution-submit').click();
  await expect(result.getByTestId('resolution-feedback')).toContainText('您已接受处理结果');
  await expect(result.getByTestId('resolution-response')).toHaveCount(0);
});

test('a visitor disputes a resolution from the mail’s link, which then opens nothing', async ({ page }) => {
  const complaint = await resolvedVisitorComplaint(page.request);
  await page.goto(complaint.link);
  await expect(page.getByRole('heading', { name: '确认处理结果' })).toBeVisible();
  const result = page.getByTestId('track-result');
  await expect(result).toContainText(complaint.number);
  await result.getByTestId('resolution-dispute').click();
  // A dispute needs its reason, said before anything is sent.
  await page.getByTestId('resolution-submit').click();
  await expect(page.getByTestId('resolution-dialog')).toContainText('请说明异议理由');
  await page.getByLabel('异议理由').fill('发票抬头仍然不对。');
  await page.getByTestId('resolution-submit').click();
  await expect(result.getByTestId('resolution-feedback')).toContainText('您已对处理结果提出异议');
  await expect(result.getByTestId('track-status')).toHaveText('重新处理');

  // The link was for that resolution: reopened, it opens nothing and says where to look instead.
  await page.reload();
  await expect(page.getByTestId('confirm-link-error')).toContainText('此链接已失效');
});
