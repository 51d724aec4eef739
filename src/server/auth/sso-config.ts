import 'server-only';
import { z } from 'zod';
import { Role, type Role as RoleValue } from '@/generated/prisma/enums';

/**
 * Single sign-on for staff with OpenID Connect: the configuration, read from the environment once at start-up. Pure
 * (no I/O): the sign-in (sso.ts), the next-auth options and the console login page all take what this returns.
 *
 * KEFU_OIDC_ISSUER, KEFU_OIDC_CLIENT_ID, KEFU_OIDC_CLIENT_SECRET — all three or none (none: no SSO).
 * KEFU_OIDC_ALLOWED_DOMAINS — comma list of e-mail domains allowed in (empty: any domain the provider vouches for).
 * KEFU_OIDC_ROLE_CLAIM — the claim holding the person's groups or role (a string or a list of strings).
 * KEFU_OIDC_ROLE_MAP — `group=ROLE,group=ROLE`; the first entry, in this order, whose group the person has wins.
 * KEFU_OIDC_PROVISIONING — an unknown person: `off` (refused), `inactive` (created inactive, an admin activates),
 *   `default` (created active, with the mapped role or KEFU_OIDC_DEFAULT_ROLE).
 * KEFU_OIDC_DEFAULT_ROLE — the role of a created account when no map entry matches.
 * KEFU_OIDC_SCOPES — the scopes asked for.
 * KEFU_STAFF_PASSWORD_SIGNIN — `off`: staff can no longer sign in with a password (customers still can).
 */

/** Roles SSO may give: staff only (customers sign in on the portal with their password). */
export const SSO_ROLES = Object.values(Role).filter((role) => role !== 'CUSTOMER') as Exclude<RoleValue, 'CUSTOMER'>[];
export type SsoRole = (typeof SSO_ROLES)[number];
export const PROVISIONING_MODES = ['off', 'inactive', 'default'] as const;
export type ProvisioningMode = (typeof PROVISIONING_MODES)[number];

export type SsoConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string[];
  roleClaim: string;
  roleMap: { group: string; role: SsoRole }[];
  provisioning: ProvisioningMode;
  defaultRole: SsoRole;
  scopes: string;
};

export type AuthConfig = { sso: SsoConfig | null; staffPasswordSignIn: boolean };

export class AuthConfigError extends Error {
  constructor(message: string) {
    super(`Sign-in configuration: ${message}`);
  }
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

const ZRole = z.enum(SSO_ROLES as [SsoRole, ...SsoRole[]]);
const ZOnOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const ZSso = z.object({
  issuer: z.url().transform((url) => url.replace(/\/+$/, '')),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  allowedDomains: z.array(
    z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i)
      .transform((domain) => domain.toLowerCase()),
  ),
  roleClaim: z.string().min(1),
  roleMap: z.array(z.object({ group: z.string().min(1), role: ZRole })),
  provisioning: z.enum(PROVISIONING_MODES),
  defaultRole: ZRole,
  scopes: z
    .string()
    .min(1)
    .refine((scopes) => scopes.split(/\s+/).includes('openid'), 'must include openid'),
});

/** Reads the sign-in configuration; a malformed value is an AuthConfigError (a start-up error, never a silent default). */
export function parseAuthConfig(env: Record<string, string | undefined>): AuthConfig {
  const passwords = ZOnOff.safeParse((env.KEFU_STAFF_PASSWORD_SIGNIN ?? 'on').trim().toLowerCase());
  if (!passwords.success) throw new AuthConfigError('KEFU_STAFF_PASSWORD_SIGNIN must be on or off');
  const core = [env.KEFU_OIDC_ISSUER, env.KEFU_OIDC_CLIENT_ID, env.KEFU_OIDC_CLIENT_SECRET].map((v) => v?.trim());
  if (core.every((value) => !value)) {
    if (!passwords.data) throw new AuthConfigError('KEFU_STAFF_PASSWORD_SIGNIN=off needs KEFU_OIDC_ISSUER');
    return { sso: null, staffPasswordSignIn: true };
  }
  if (core.some((value) => !value))
    throw new AuthConfigError('KEFU_OIDC_ISSUER, KEFU_OIDC_CLIENT_ID and KEFU_OIDC_CLIENT_SECRET go together');
  const roleMap = list(env.KEFU_OIDC_ROLE_MAP).map((entry) => {
    const at = entry.lastIndexOf('=');
    return {
      group: entry.slice(0, at).trim(),
      role: entry
        .slice(at + 1)
        .trim()
        .toUpperCase(),
    };
  });
  const parsed = ZSso.safeParse({
    issuer: core[0],
    clientId: core[1],
    clientSecret: core[2],
    allowedDomains: list(env.KEFU_OIDC_ALLOWED_DOMAINS),
    roleClaim: env.KEFU_OIDC_ROLE_CLAIM?.trim() || 'groups',
    roleMap,
    provisioning: (env.KEFU_OIDC_PROVISIONING?.trim() || 'inactive').toLowerCase(),
    defaultRole: (env.KEFU_OIDC_DEFAULT_ROLE?.trim() || 'SERVICE_AGENT').toUpperCase(),
    scopes: env.KEFU_OIDC_SCOPES?.trim() || 'openid email profile',
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AuthConfigError(`${issue.path.join('.')}: ${issue.message}`);
  }
  return { sso: parsed.data, staffPasswordSignIn: passwords.data };
}

/** The values of a role claim: a string (also space- or comma-separated) or a list of strings; anything else: none. */
export function claimValues(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** The role the claims map to: the first map entry whose group the person has; null when none does. */
export function mappedRole(config: Pick<SsoConfig, 'roleClaim' | 'roleMap'>, claims: Record<string, unknown>) {
  const groups = new Set(claimValues(claims[config.roleClaim]));
  return config.roleMap.find((entry) => groups.has(entry.group))?.role ?? null;
}

/** Whether the e-mail's domain is allowed in (any domain when the list is empty). */
export function domainAllowed(config: Pick<SsoConfig, 'allowedDomains'>, email: string): boolean {
  if (config.allowedDomains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return config.allowedDomains.includes(domain);
}
