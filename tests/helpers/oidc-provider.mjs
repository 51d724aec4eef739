// A real OpenID Connect provider for the tests (the `oidc-provider` package, the certified Node implementation): the
// integration tests start it in-process, the Playwright journey (tests/e2e/sso.spec.ts) as a child process
// (`node tests/helpers/oidc-provider.mjs <port> <redirect-uri>`). Its own development sign-in page takes any login
// named in ACCOUNTS (any password); consent is granted without asking, as a company's own provider does for its apps.
import Provider from 'oidc-provider';

export const OIDC_CLIENT_ID = 'kefu-test';
export const OIDC_CLIENT_SECRET = 'kefu-test-secret-0123456789abcdef';

/** The provider's people: login → claims. `groups` is the claim the app maps to roles. */
export const ACCOUNTS = {
  'lin.manager': { email: 'lin.manager@corp.example', name: '林经理', groups: ['staff', 'kefu-quality'] },
  'zhao.admin': { email: 'zhao.admin@corp.example', name: '赵管理', groups: ['kefu-admins'] },
  'qian.nogroup': { email: 'qian.nogroup@corp.example', name: '钱员工', groups: ['staff'] },
  'sun.outsider': { email: 'sun@other.example', name: '孙外部', groups: ['kefu-admins'] },
  'zhou.pending': { email: 'zhou.pending@corp.example', name: '周新人', groups: ['kefu-agents'] },
  'wu.default': { email: 'wu.default@corp.example', name: '吴默认', groups: [] },
  'zheng.left': { email: 'zheng.left@corp.example', name: '郑离职', groups: ['kefu-agents'] },
  'e2e.quality': { email: 'e2e.quality@corp.example', name: '单点质量', groups: ['kefu-quality'] },
};

/** Starts the provider on 127.0.0.1:`port`; resolves to { issuer, close }. */
export async function startOidcProvider({ port, redirectUris }) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    // The claims the scopes ask for go into the ID token too (next-auth reads the ID token, not the userinfo).
    conformIdTokenClaims: false,
    cookies: { keys: ['kefu-oidc-test-cookie-key'] },
    async findAccount(_ctx, id) {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email_verified: true, ...account }) };
    },
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  });
  const server = await new Promise((resolve) => {
    const listening = provider.listen(port, '127.0.0.1', () => resolve(listening));
  });
  return { issuer, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [port, ...redirectUris] = process.argv.slice(2);
  const { issuer } = await startOidcProvider({ port: Number(port), redirectUris });
  console.log(`OIDC provider listening at ${issuer}`);
}
