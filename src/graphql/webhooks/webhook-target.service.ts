import 'server-only';
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * SSRF guard of webhook targets: only http(s) URLs, and no address in a loopback, link-local, private, unspecified,
 * carrier-grade NAT, multicast or reserved range — every address the host name resolves to is checked, at
 * registration and again at each delivery (the connection goes to the checked address, so a DNS answer that changes
 * in between is caught too). An admin setting (`webhooks.allowPrivateTargets`) lifts the address check for an
 * on-premises receiver.
 */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'reserved';
export type TargetProblem = 'scheme' | 'invalid' | 'unresolvable' | Exclude<AddressClass, 'public'>;

const ranges: [AddressClass, string, number, 'ipv4' | 'ipv6'][] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '224.0.0.0', 3, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['reserved', 'ff00::', 8, 'ipv6'],
];
const lists = new Map<AddressClass, BlockList>();
for (const [cls, net, prefix, type] of ranges) {
  const list = lists.get(cls) ?? new BlockList();
  list.addSubnet(net, prefix, type);
  lists.set(cls, list);
}

/** The class of one IP address; an IPv4-mapped IPv6 address (::ffff:127.0.0.1) is classed as its IPv4 address. */
export function classifyAddress(address: string): AddressClass {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  const family = isIP(ip);
  if (family === 0) return 'reserved';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [cls, list] of lists) if (list.check(ip, type)) return cls;
  return 'public';
}

/** The URL's own problems, before any lookup: not http(s), or not a URL. */
export function parseTargetUrl(url: string): URL | TargetProblem {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'scheme';
  if (parsed.username || parsed.password) return 'invalid';
  return parsed;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/** The first problem among the addresses, or null when every one may be called. */
export function addressesProblem(addresses: readonly string[], allowPrivate: boolean): TargetProblem | null {
  if (addresses.length === 0) return 'unresolvable';
  if (allowPrivate) return null;
  for (const address of addresses) {
    const cls = classifyAddress(address);
    if (cls !== 'public') return cls;
  }
  return null;
}

/** Resolves a host (an IP literal resolves to itself) and checks all its addresses. */
export async function checkHost(
  host: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): Promise<{ ok: true; addresses: { address: string; family: number }[] } | { ok: false; problem: TargetProblem }> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  let addresses: { address: string; family: number }[];
  if (isIP(bare)) addresses = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      addresses = await resolve(bare);
    } catch {
      return { ok: false, problem: 'unresolvable' };
    }
  }
  const problem = addressesProblem(
    addresses.map((a) => a.address),
    allowPrivate,
  );
  return problem ? { ok: false, problem } : { ok: true, addresses };
}

/** The whole check of a target URL, as registration runs it. */
export async function checkWebhookTarget(
  url: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): Promise<TargetProblem | null> {
  const parsed = parseTargetUrl(url);
  if (typeof parsed === 'string') return parsed;
  const result = await checkHost(parsed.hostname, allowPrivate, resolve);
  return result.ok ? null : result.problem;
}
