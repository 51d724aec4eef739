import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';

// What the system writes into a record's timeline is stored as a message key and shown in the viewer's language: the
// same entry reads 已受理 in the Chinese UI and "Received" in the English one, at /track and on the staff's record.
test('a timeline entry reads in the viewer’s language at /track and in the console', async ({
  browser,
  playwright,
  baseURL,
  signInAs,
  page,
}) => {
  const visitorApi = await playwright.request.newContext({ baseURL });
  const response = await visitorApi.post('/api/graphql', {
    data: {
      query: 'mutation ($input: SubmitInteractionInput!) { submitInteraction(input: $input) { id number } }',
      variables: {
        input: {
          idempotencyKey: randomUUID(),
          type: 'COMPLAINT',
          subject: '外壳划伤（语言）',
          description: '第 9 批次外壳有划伤。',
          companyName: '苏州语言测试有限公司',
          contactName: '周女士',
          contactPhone: '0512-6666 1234',
        },
      },
    },
  });
  expect(response.ok()).toBe(true);
  const { data } = (await response.json()) as { data: { submitInteraction: { id: string; number: string } } };
  const { id, number } = data.submitInteraction;
  await visitorApi.dispose();

  const track = async (locale: 'zh-CN' | 'en') => {
    const context = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai' });
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL! }]);
    const visitor = await context.newPage();
    await visitor.goto('/track');
    await expect(visitor.getByTestId('track-form')).toHaveAttribute('data-ready', 'true');
    await visitor.getByTestId('track-form').getByRole('textbox').first().fill(number);
    await visitor.getByTestId('track-form').getByRole('textbox').nth(1).fill('0512-6666 1234');
    await visitor.getByTestId('track-submit').click();
    const timeline = visitor.getByTestId('intake-timeline');
    await expect(timeline).toBeVisible();
    return { context, timeline };
  };
  const zh = await track('zh-CN');
  await expect(zh.timeline).toContainText('已受理');
  await zh.context.close();
  const en = await track('en');
  await expect(en.timeline).toContainText('Received');
  await expect(en.timeline).not.toContainText('已受理');
  await en.context.close();

  // The agent reads the same entry on the record, in Chinese, then in English; the visitor is named in words.
  await signInAs(page, 'console', 'agent@kefu.demo');
  await page.goto(`/console/complaints/${id}`);
  const history = page.getByTestId('complaint-history');
  await expect(history).toContainText('已受理');
  await expect(history).toContainText('访客');
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
  await page.reload();
  await expect(history).toContainText('Received');
  await expect(history).toContainText('Visitor');
  await expect(history).not.toContainText('anonymous');
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: baseURL! }]);
});
