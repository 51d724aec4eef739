import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_EMAIL, expect, test } from './fixtures';

// Issue 15 item 1 in the Chinese UI: the administrator registers an endpoint pointing at a receiver this test starts,
// sends the test event and sees it delivered in the delivery log, edits the endpoint, gives it a new signing secret
// (shown once) and disables it — each consequential step behind a confirmation.
type Received = { id: string; timestamp: string; signature: string; body: string };
const received: Received[] = [];
let server: Server;
let receiverUrl = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body,
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('received by the e2e receiver');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kefu-hook`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Standard Webhooks: v1,<base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`>, keyed with the secret after whsec_. */
function signedWith(secret: string, r: Received): boolean {
  const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(`${r.id}.${r.timestamp}.${r.body}`)
    .digest('base64');
  const given = r.signature.replace(/^v1,/, '');
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

test('the admin registers a webhook endpoint, sees the test event delivered, edits, re-keys and disables it', async ({
  page,
  signInAs,
}) => {
  await signInAs(page, 'console', ADMIN_EMAIL);
  await page.goto('/console/admin/webhooks');
  await expect(page.getByRole('heading', { name: 'Webhook', exact: false }).first()).toBeVisible();

  // The receiver runs on this machine (loopback): refused unless the admin allows private targets.
  const settings = page.getByTestId('webhook-settings');
  await settings.getByTestId('webhook-allow-private').check();
  await settings.getByTestId('webhook-settings-save').click();
  await expect(settings).toContainText('设置已保存');

  // Register: the signing secret is shown once.
  await page.getByTestId('webhook-create').click();
  const create = page.getByTestId('webhook-create-dialog');
  await create.getByTestId('webhook-url').fill(receiverUrl);
  await create.getByTestId('webhook-event-customer.created').check();
  await create.getByTestId('webhook-submit').click();
  await expect(create).toBeHidden();
  const secretDialog = page.getByTestId('webhook-secret-dialog');
  const firstSecret = await secretDialog.getByTestId('webhook-secret').inputValue();
  expect(firstSecret).toMatch(/^whsec_/);
  await secretDialog.getByTestId('webhook-secret-done').click();
  await expect(secretDialog).toBeHidden();

  const row = page.getByTestId('webhook-row').filter({ hasText: receiverUrl });
  await expect(row.getByText('启用', { exact: true })).toBeVisible(); // the status badge (the button says 停用)

  // The test event: delivered, signed with that secret, and in the delivery log.
  await row.getByTestId('webhook-send-test').click();
  await expect(page.getByText('测试事件已投递：HTTP 200')).toBeVisible();
  expect(received).toHaveLength(1);
  expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'webhook.test' });
  expect(signedWith(firstSecret, received[0]!)).toBe(true);
  const log = page.getByTestId('webhook-log');
  const delivery = log.getByTestId('webhook-delivery-row').first();
  await expect(delivery).toContainText('成功');
  await expect(delivery).toContainText('200');
  await expect(delivery).toContainText('received by the e2e receiver');

  // Edit: one more event type.
  await row.getByTestId('webhook-edit').click();
  const edit = page.getByTestId('webhook-edit-dialog');
  await expect(edit.getByTestId('webhook-url')).toHaveValue(receiverUrl);
  await edit.getByTestId('webhook-event-customer.updated').check();
  await edit.getByTestId('webhook-submit').click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('客户资料变更');

  // A new signing secret, after a confirmation, shown once; the next delivery is signed with it.
  await row.getByTestId('webhook-rotate-secret').click();
  // The screen keeps one confirmation per action (re-key, disable/enable); the open one is asking.
  const confirm = page.locator('[data-testid="confirm-dialog"][open]');
  await expect(confirm).toContainText(receiverUrl);
  await confirm.getByTestId('confirm-action').click();
  const secondSecret = await secretDialog.getByTestId('webhook-secret').inputValue();
  expect(secondSecret).toMatch(/^whsec_/);
  expect(secondSecret).not.toBe(firstSecret);
  await secretDialog.getByTestId('webhook-secret-done').click();
  await row.getByTestId('webhook-send-test').click();
  await expect(log.getByTestId('webhook-delivery-row')).toHaveCount(2);
  expect(signedWith(secondSecret, received.at(-1)!)).toBe(true);

  // Disable, after a confirmation: the row says so and offers to enable it again.
  await row.getByTestId('webhook-disable').click();
  await expect(confirm).toContainText('停用此端点？');
  await confirm.getByTestId('confirm-action').click();
  await expect(confirm).toBeHidden();
  await expect(row.getByTestId('webhook-enable')).toBeVisible();
  await expect(row.getByText('停用', { exact: true })).toBeVisible(); // the status badge now
  await expect(page.getByText(`已停用端点 ${receiverUrl}`)).toBeVisible();
});
