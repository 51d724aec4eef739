import { describe, expect, it } from 'vitest';
import { checkWebhookTarget, classifyAddress, type Resolver } from './webhook-target.service';

const resolveTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('SSRF classification of webhook targets', () => {
  it('classes addresses: loopback, private, link-local, unspecified and public', () => {
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('127.8.9.10')).toBe('loopback');
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('10.1.2.3')).toBe('private');
    expect(classifyAddress('172.20.0.1')).toBe('private');
    expect(classifyAddress('192.168.1.10')).toBe('private');
    expect(classifyAddress('100.64.0.1')).toBe('private');
    expect(classifyAddress('fd00::1')).toBe('private');
    expect(classifyAddress('169.254.169.254')).toBe('link-local');
    expect(classifyAddress('fe80::1')).toBe('link-local');
    expect(classifyAddress('0.0.0.0')).toBe('unspecified');
    expect(classifyAddress('93.184.216.34')).toBe('public');
    expect(classifyAddress('2606:4700::1111')).toBe('public');
  });

  it('refuses each class by URL, and a host name resolving to loopback (any of its addresses)', async () => {
    const none = resolveTo();
    expect(await checkWebhookTarget('http://127.0.0.1:8080/hook', false, none)).toBe('loopback');
    expect(await checkWebhookTarget('http://[::1]/hook', false, none)).toBe('loopback');
    expect(await checkWebhookTarget('http://10.0.0.5/hook', false, none)).toBe('private');
    expect(await checkWebhookTarget('http://169.254.169.254/latest/meta-data', false, none)).toBe('link-local');
    expect(await checkWebhookTarget('https://192.168.0.1/', false, none)).toBe('private');
    expect(
      await checkWebhookTarget('https://hooks.example.com/x', false, resolveTo('93.184.216.34', '127.0.0.1')),
    ).toBe('loopback');
    expect(await checkWebhookTarget('http://localhost:3000/', false)).toBe('loopback');
    expect(await checkWebhookTarget('https://hooks.example.com/x', false, resolveTo('93.184.216.34'))).toBeNull();
  });

  it('refuses other schemes and bad URLs; the admin setting lifts only the address check', async () => {
    expect(await checkWebhookTarget('ftp://example.com/', true)).toBe('scheme');
    expect(await checkWebhookTarget('file:///etc/passwd', true)).toBe('scheme');
    expect(await checkWebhookTarget('not a url', true)).toBe('invalid');
    expect(await checkWebhookTarget('http://user:pw@example.com/', true)).toBe('invalid');
    expect(await checkWebhookTarget('http://127.0.0.1:8080/hook', true)).toBeNull();
  });
});
