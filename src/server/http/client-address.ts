import 'server-only';
/**
 * The client's address, from a trusted source only. The HTTP server deletes any incoming `x-kefu-client-ip` header and
 * sets it to `resolveClientAddress(socket address, X-Forwarded-For, TRUSTED_PROXIES)`; everything that needs the
 * client's address (rate limits of sign-in, `/track`, survey tokens) reads that header with `clientAddressFrom`.
 *
 * `X-Forwarded-For` is written by whoever sent the request, so an entry counts only when the hop that reported it is a
 * proxy we trust: the list is walked from the right (the entry the nearest proxy appended) past trusted hops. With
 * nothing configured no entry counts and the socket's peer is the client — a forged header changes nothing.
 */

export const CLIENT_ADDRESS_HEADER = 'x-kefu-client-ip';

type Bytes = readonly number[];
type Range = { bytes: Bytes; prefix: number };

/** No proxy (the default), a fixed number of proxies in front of the server, or the proxies' addresses/ranges. */
export type TrustedProxies =
  { kind: 'none' } | { kind: 'hops'; count: number } | { kind: 'ranges'; ranges: readonly Range[] };

// Names for the ranges a container or a private network puts proxies in (as Express's `trust proxy` spells them).
const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
};

function parseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b <= 255) ? bytes : null;
}

function parseIPv6(text: string): number[] | null {
  if (!/^[0-9a-f:.]+$/i.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const [head, tail] = [groups(halves[0]!), halves.length === 2 ? groups(halves[1]!) : []];
  const words: number[] = [];
  const push = (list: string[], last: boolean): boolean => {
    for (let i = 0; i < list.length; i++) {
      const group = list[i]!;
      if (last && i === list.length - 1 && group.includes('.')) {
        const v4 = parseIPv4(group);
        if (!v4) return false;
        words.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-f]{1,4}$/i.test(group)) words.push(parseInt(group, 16));
      else return false;
    }
    return true;
  };
  if (!push(head, halves.length === 1)) return null;
  const headWords = words.length;
  if (!push(tail, true)) return null;
  const missing = 8 - words.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  words.splice(headWords, 0, ...new Array<number>(missing).fill(0));
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/**
 * An address as bytes: 4 for IPv4 (an IPv4-mapped IPv6 address, `::ffff:1.2.3.4`, counts as the IPv4 address it maps),
 * 16 for IPv6. Tolerates what proxies and sockets add: brackets, a port, an IPv6 zone. Null when it is no address.
 */
function parseAddress(raw: string): number[] | null {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%[\w.-]+$/, '');
  const bytes = text.includes(':') ? parseIPv6(text) : parseIPv4(text);
  if (
    bytes &&
    bytes.length === 16 &&
    bytes.slice(0, 10).every((b) => b === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff
  )
    return bytes.slice(12);
  return bytes;
}

/** RFC 5952 text: dotted IPv4; IPv6 in lower case with the longest run of two or more zero groups as `::`. */
function formatAddress(bytes: Bytes): string {
  if (bytes.length === 4) return bytes.join('.');
  const words = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  let [bestStart, bestLength] = [-1, 1];
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** The address in canonical form (the rate limits' key: `::FFFF:10.0.0.1` and `10.0.0.1` are one client), or null. */
export function normaliseAddress(raw: string): string | null {
  const bytes = parseAddress(raw);
  return bytes ? formatAddress(bytes) : null;
}

function parseRange(entry: string): Range {
  const [address, prefixText, ...rest] = entry.split('/');
  const bytes = rest.length === 0 && address ? parseAddress(address) : null;
  const mapped = bytes !== null && address!.includes(':') && bytes.length === 4;
  const bits = bytes ? bytes.length * 8 : 0;
  let prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  // A range written as IPv4-mapped IPv6 (::ffff:10.0.0.0/104) means the IPv4 range it maps.
  if (mapped && prefixText !== undefined) prefix -= 96;
  if (!bytes || !(prefix >= 0 && prefix <= bits))
    throw new Error(`TRUSTED_PROXIES: "${entry}" is neither an IP address nor a CIDR range`);
  return { bytes, prefix };
}

function inRange(bytes: Bytes, range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.prefix; bit += 8) {
    const mask = range.prefix - bit >= 8 ? 0xff : (0xff << (8 - (range.prefix - bit))) & 0xff;
    if ((bytes[bit / 8]! & mask) !== (range.bytes[bit / 8]! & mask)) return false;
  }
  return true;
}

/**
 * `TRUSTED_PROXIES`: unset or empty — no proxy; a number — that many proxies in front of the server, each appending to
 * X-Forwarded-For; else a comma list of addresses and CIDR ranges (IPv4 and IPv6) and the names `loopback`, `private`,
 * `linklocal`. Anything else is a configuration error, thrown at start-up rather than silently trusting nobody.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0') return { kind: 'none' };
  if (/^\d+$/.test(text)) return { kind: 'hops', count: Number(text) };
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const named = (e: string) => (Object.hasOwn(NAMED_RANGES, e.toLowerCase()) ? NAMED_RANGES[e.toLowerCase()]! : [e]);
  return { kind: 'ranges', ranges: entries.flatMap((e) => named(e).map(parseRange)) };
}

/**
 * The client's address for a request that arrived from `socketAddress` carrying `forwardedFor` (the X-Forwarded-For
 * header, several headers joined by commas). Hop count n: the socket is the nearest proxy and the n-th entry from the
 * right is what the farthest trusted proxy saw. Ranges: walk from the socket leftwards while the current hop is
 * trusted; the first untrusted hop is the client. An entry that is no address stops the walk at the hop that wrote it.
 * Null only when the socket address itself is unknown or malformed (a closed socket).
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string | null {
  const socket = socketAddress ? parseAddress(socketAddress) : null;
  if (!socket) return null;
  const entries =
    trusted.kind === 'none' || !forwardedFor
      ? []
      : forwardedFor
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean);
  if (entries.length === 0) return formatAddress(socket);
  if (trusted.kind === 'hops') {
    // Fewer entries than proxies: the request skipped some of them; the leftmost entry is the farthest hop known. An
    // entry that is no address was not written by a proxy: take the nearest one to its right that is.
    for (let i = Math.max(0, entries.length - trusted.count); i < entries.length; i++) {
      const bytes = parseAddress(entries[i]!);
      if (bytes) return formatAddress(bytes);
    }
    return formatAddress(socket);
  }
  const isTrusted = (bytes: Bytes) => trusted.kind === 'ranges' && trusted.ranges.some((r) => inRange(bytes, r));
  let current: Bytes = socket;
  for (let i = entries.length - 1; i >= 0 && isTrusted(current); i--) {
    const next = parseAddress(entries[i]!);
    if (!next) break;
    current = next;
  }
  return formatAddress(current);
}

/** A Fetch `Headers` (route handlers, next/headers) or Node's header object (next-auth's `req.headers`, node:http). */
type HeaderSource = { get(name: string): string | null } | Readonly<Record<string, unknown>> | undefined | null;

/**
 * The client's address as the server recorded it, for route handlers, next-auth's authorize and the GraphQL context.
 * Null when the header is absent (outside the real server: tests calling services) — never a shared placeholder, so
 * per-address limits are skipped rather than applied to one bucket every such caller shares.
 */
export function clientAddressFrom(headers: HeaderSource): string | null {
  if (!headers) return null;
  const value =
    typeof headers.get === 'function'
      ? (headers as { get(name: string): string | null }).get(CLIENT_ADDRESS_HEADER)
      : (headers as Record<string, unknown>)[CLIENT_ADDRESS_HEADER];
  return typeof value === 'string' ? normaliseAddress(value) : null;
}

/**
 * The key per-address limits count under: the address for IPv4; the /64 network for IPv6, since one subscriber is
 * given at least a /64 and could otherwise take a fresh address for every attempt.
 */
export function addressBucket(address: string): string {
  const bytes = parseAddress(address);
  if (!bytes || bytes.length === 4) return bytes ? formatAddress(bytes) : address;
  return `${formatAddress([...bytes.slice(0, 8), 0, 0, 0, 0, 0, 0, 0, 0])}/64`;
}
