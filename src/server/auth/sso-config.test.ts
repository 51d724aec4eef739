import { describe, expect, it } from 'vitest';
import { AuthConfigError, claimValues, domainAllowed, mappedRole, parseAuthConfig } from './sso-config';

const core = {
  KEFU_OIDC_ISSUER: 'https://login.corp.example/realms/main/',
  KEFU_OIDC_CLIENT_ID: 'kefu',
  KEFU_OIDC_CLIENT_SECRET: 's3cret',
};

describe('parseAuthConfig', () => {
  it('has no SSO and staff passwords on when nothing is set', () => {
    expect(parseAuthConfig({})).toEqual({ sso: null, staffPasswordSignIn: true });
  });

  it('reads every variable, with defaults for the optional ones', () => {
    expect(parseAuthConfig(core)).toEqual({
      sso: {
        issuer: 'https://login.corp.example/realms/main',
        clientId: 'kefu',
        clientSecret: 's3cret',
        allowedDomains: [],
        roleClaim: 'groups',
        roleMap: [],
        provisioning: 'inactive',
        defaultRole: 'SERVICE_AGENT',
        scopes: 'openid email profile',
      },
      staffPasswordSignIn: true,
    });
    const full = parseAuthConfig({
      ...core,
      KEFU_OIDC_ALLOWED_DOMAINS: ' Corp.Example , factory.corp.example ',
      KEFU_OIDC_ROLE_CLAIM: 'roles',
      KEFU_OIDC_ROLE_MAP: '/kefu/admins=ADMIN, role=agent=service_agent',
      KEFU_OIDC_PROVISIONING: 'DEFAULT',
      KEFU_OIDC_DEFAULT_ROLE: 'technician',
      KEFU_OIDC_SCOPES: 'openid email roles',
      KEFU_STAFF_PASSWORD_SIGNIN: 'off',
    });
    expect(full.staffPasswordSignIn).toBe(false);
    expect(full.sso).toMatchObject({
      allowedDomains: ['corp.example', 'factory.corp.example'],
      roleClaim: 'roles',
      // The last "=" separates the role, so a group name may hold one.
      roleMap: [
        { group: '/kefu/admins', role: 'ADMIN' },
        { group: 'role=agent', role: 'SERVICE_AGENT' },
      ],
      provisioning: 'default',
      defaultRole: 'TECHNICIAN',
      scopes: 'openid email roles',
    });
  });

  it('refuses malformed or incomplete configuration instead of guessing', () => {
    const bad = [
      { KEFU_OIDC_ISSUER: 'https://login.corp.example' },
      { ...core, KEFU_OIDC_ISSUER: 'not a url' },
      { ...core, KEFU_OIDC_ROLE_MAP: 'admins=CUSTOMER' },
      { ...core, KEFU_OIDC_ROLE_MAP: 'admins=BOSS' },
      { ...core, KEFU_OIDC_DEFAULT_ROLE: 'CUSTOMER' },
      { ...core, KEFU_OIDC_PROVISIONING: 'maybe' },
      { ...core, KEFU_OIDC_ALLOWED_DOMAINS: '@corp' },
      { ...core, KEFU_OIDC_SCOPES: 'email profile' },
      { ...core, KEFU_STAFF_PASSWORD_SIGNIN: 'sometimes' },
      // Staff passwords off with no other way in would lock every member of staff out.
      { KEFU_STAFF_PASSWORD_SIGNIN: 'off' },
    ];
    for (const env of bad) expect(() => parseAuthConfig(env), JSON.stringify(env)).toThrow(AuthConfigError);
  });
});

describe('claims', () => {
  const config = {
    roleClaim: 'groups',
    roleMap: [
      { group: 'kefu-admins', role: 'ADMIN' as const },
      { group: 'kefu-quality', role: 'QUALITY_MANAGER' as const },
    ],
  };

  it('maps the first matching entry of the map, in the map order', () => {
    expect(mappedRole(config, { groups: ['kefu-quality', 'kefu-admins'] })).toBe('ADMIN');
    expect(mappedRole(config, { groups: ['kefu-quality'] })).toBe('QUALITY_MANAGER');
    expect(mappedRole(config, { groups: 'staff kefu-quality' })).toBe('QUALITY_MANAGER');
    expect(mappedRole(config, { groups: ['staff'] })).toBeNull();
    expect(mappedRole(config, {})).toBeNull();
    expect(mappedRole(config, { groups: { admin: true } })).toBeNull();
  });

  it('reads a claim as a string or a list of strings', () => {
    expect(claimValues('a, b c')).toEqual(['a', 'b', 'c']);
    expect(claimValues(['a', 1, 'b'])).toEqual(['a', 'b']);
    expect(claimValues(null)).toEqual([]);
  });

  it('allows the listed domains only, any domain with an empty list', () => {
    expect(domainAllowed({ allowedDomains: ['corp.example'] }, 'Li@CORP.example')).toBe(true);
    expect(domainAllowed({ allowedDomains: ['corp.example'] }, 'li@evil-corp.example')).toBe(false);
    expect(domainAllowed({ allowedDomains: ['corp.example'] }, 'li@sub.corp.example')).toBe(false);
    expect(domainAllowed({ allowedDomains: [] }, 'li@anywhere.example')).toBe(true);
  });
});
