// Placeholder with the agreed API; the http-security branch brings the real implementation (TRUSTED_PROXIES).
export const CLIENT_ADDRESS_HEADER = 'x-kefu-client-ip';
export type TrustedProxies = { hops: number } | { cidrs: string[] };
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  return { hops: Number(value ?? 0) || 0 };
}
export function resolveClientAddress(socketAddress: string | undefined, _forwardedFor: string | undefined, _trusted: TrustedProxies): string | null {
  return socketAddress ?? null;
}
