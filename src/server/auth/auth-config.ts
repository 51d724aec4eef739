import 'server-only';
import { parseAuthConfig, type AuthConfig } from './sso-config';

const globalForConfig = globalThis as unknown as { kefuAuthConfig?: AuthConfig };

/** This process's sign-in configuration (sso-config.ts), read from the environment on first use. */
export const authConfig = (): AuthConfig => (globalForConfig.kefuAuthConfig ??= parseAuthConfig(process.env));

/** Reads the environment again (the tests change it between cases; the server reads it once). */
export function reloadAuthConfig(): AuthConfig {
  globalForConfig.kefuAuthConfig = undefined;
  return authConfig();
}
