// Types of oidc-provider.mjs (a plain script so the Playwright journey can run it with node as a child process).
export const OIDC_CLIENT_ID: string;
export const OIDC_CLIENT_SECRET: string;
export const ACCOUNTS: Record<string, { email: string; name: string; groups: string[] }>;
export function startOidcProvider(options: {
  port: number;
  redirectUris: string[];
}): Promise<{ issuer: string; close: () => Promise<void> }>;
