import { describe, expect, it } from 'vitest';
import {
  addressBucket,
  CLIENT_ADDRESS_HEADER,
  clientAddressFrom,
  normaliseAddress,
  parseTrustedProxies,
  resolveClientAddress,
} from './client-address';

const none = parseTrustedProxies(undefined);

describe('normaliseAddress', () => {
  it('writes one canonical form per address, IPv4-mapped IPv6 as IPv4', () => {
    expect(normaliseAddress('10.0.0.1')).toBe('10.0.0.1');
    expect(normaliseAddress('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(normaliseAddress('::FFFF:a00:1')).toBe('10.0.0.1');
    expect(normaliseAddress('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normaliseAddress('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(normaliseAddress('::1')).toBe('::1');
    expect(normaliseAddress('::')).toBe('::');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normaliseAddress('[2001:db8::5]:443')).toBe('2001:db8::5');
    expect(normaliseAddress('203.0.113.7:51000')).toBe('203.0.113.7');
    expect(normaliseAddress('64:ff9b::192.0.2.33')).toBe('64:ff9b::c000:221');
  });

  it('refuses what is no address', () => {
    for (const bad of [
      '',
      'unknown',
      '256.1.1.1',
      '1.2.3',
      '010.0.0.1',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7:8::',
      'g::1',
      ' <script>',
      '1.2.3.4, 5.6.7.8',
    ]) {
      expect(normaliseAddress(bad), bad).toBeNull();
    }
  });
});

describe('parseTrustedProxies', () => {
  it('reads nothing, a hop count, or addresses, ranges and names', () => {
    expect(parseTrustedProxies('')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies(' 0 ')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('2')).toEqual({ kind: 'hops', count: 2 });
    const list = parseTrustedProxies('10.0.0.0/8, 2001:db8::/32, 192.0.2.1, loopback, ::ffff:172.16.0.0/108');
    expect(list.kind === 'ranges' && list.ranges.length).toBe(6);
  });

  it('refuses a malformed list at start-up instead of trusting nobody silently', () => {
    for (const bad of [
      '10.0.0.0/33',
      '2001:db8::/129',
      'proxy.local',
      '10.0.0.1/8/9',
      '::ffff:10.0.0.0/64',
      'constructor',
    ]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });
});

describe('resolveClientAddress', () => {
  it('without trusted proxies: the socket address, whatever X-Forwarded-For claims', () => {
    expect(resolveClientAddress('203.0.113.9', '1.1.1.1', none)).toBe('203.0.113.9');
    expect(resolveClientAddress('::ffff:203.0.113.9', undefined, none)).toBe('203.0.113.9');
    expect(resolveClientAddress(undefined, '1.1.1.1', none)).toBeNull();
  });

  it('with a hop count: the entry the farthest trusted proxy appended; forged entries to its left are ignored', () => {
    const one = parseTrustedProxies('1');
    expect(resolveClientAddress('10.0.0.2', '6.6.6.6, 203.0.113.9', one)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.2', '203.0.113.9', one)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.2', undefined, one)).toBe('10.0.0.2');
    const two = parseTrustedProxies('2');
    expect(resolveClientAddress('10.0.0.3', '6.6.6.6, 203.0.113.9, 10.0.0.2', two)).toBe('203.0.113.9');
    // Fewer entries than proxies: the farthest one known.
    expect(resolveClientAddress('10.0.0.3', '203.0.113.9', two)).toBe('203.0.113.9');
    // An entry that is no address was not written by a proxy.
    expect(resolveClientAddress('10.0.0.3', 'junk, 203.0.113.9', two)).toBe('203.0.113.9');
  });

  it('with ranges: walks from the right past trusted hops to the first untrusted one', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 2001:db8:1::/48');
    expect(resolveClientAddress('10.0.0.2', '6.6.6.6, 203.0.113.9', trusted)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.2', '6.6.6.6, 203.0.113.9, 10.1.1.1', trusted)).toBe('203.0.113.9');
    expect(resolveClientAddress('::ffff:10.0.0.2', '2001:db8:2::7, 2001:db8:1::4', trusted)).toBe('2001:db8:2::7');
    // The socket is not a trusted proxy: its own address, the header is the client's word.
    expect(resolveClientAddress('203.0.113.9', '10.0.0.5', trusted)).toBe('203.0.113.9');
    // Every hop trusted: the farthest one.
    expect(resolveClientAddress('10.0.0.2', '10.9.9.9', trusted)).toBe('10.9.9.9');
    // Several headers arrive joined by commas; ports and brackets are tolerated.
    expect(resolveClientAddress('10.0.0.2', '[2001:db8:9::1]:5000,10.0.0.7', trusted)).toBe('2001:db8:9::1');
    // Junk where a trusted proxy's entry should be stops at the last hop that was understood.
    expect(resolveClientAddress('10.0.0.2', '203.0.113.9, junk', trusted)).toBe('10.0.0.2');
  });
});

describe('clientAddressFrom', () => {
  it('reads the header the server set, from Fetch headers or a Node header object; null when absent or malformed', () => {
    expect(clientAddressFrom(new Headers({ [CLIENT_ADDRESS_HEADER]: '203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientAddressFrom({ [CLIENT_ADDRESS_HEADER]: '::ffff:203.0.113.9', 'x-forwarded-for': '1.1.1.1' })).toBe(
      '203.0.113.9',
    );
    expect(clientAddressFrom({ 'x-forwarded-for': '1.1.1.1', 'x-real-ip': '1.1.1.1' })).toBeNull();
    expect(clientAddressFrom({ [CLIENT_ADDRESS_HEADER]: 'unknown' })).toBeNull();
    expect(clientAddressFrom(undefined)).toBeNull();
  });
});

describe('addressBucket', () => {
  it('counts IPv4 per address and IPv6 per /64', () => {
    expect(addressBucket('203.0.113.9')).toBe('203.0.113.9');
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:bbbb::9')).toBe('2001:db8:1:2::/64');
  });
});
