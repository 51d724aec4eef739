import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from './webhook-signature.service';

describe('Standard Webhooks signature', () => {
  it('signs `${id}.${timestamp}.${body}` with HMAC-SHA256 under the base64-decoded secret', () => {
    const key = Buffer.alloc(32, 7);
    const secret = `whsec_${key.toString('base64')}`;
    const body = '{"type":"customer.created"}';
    const expected = createHmac('sha256', key).update(`msg_1.1733300000.${body}`).digest('base64');
    expect(signWebhook(secret, 'msg_1', 1733300000, body)).toBe(`v1,${expected}`);
    const headers = webhookHeaders(secret, 'msg_1', 1733300000, body);
    expect(headers).toMatchObject({ 'webhook-id': 'msg_1', 'webhook-timestamp': '1733300000' });
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('verifies a good signature and refuses a changed body, another secret or an old timestamp', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = '{"a":1}';
    const signature = signWebhook(secret, 'id-1', 1000, body);
    const headers = { id: 'id-1', timestamp: '1000', signature };
    expect(verifyWebhook(secret, headers, body, 1000)).toBe(true);
    expect(verifyWebhook(secret, { ...headers, signature: `v1,bogus ${signature}` }, body, 1000)).toBe(true);
    expect(verifyWebhook(secret, headers, '{"a":2}', 1000)).toBe(false);
    expect(verifyWebhook(generateWebhookSecret(), headers, body, 1000)).toBe(false);
    expect(verifyWebhook(secret, headers, body, 1000 + 301)).toBe(false);
  });
});
