import { SignInPage } from '@/components/sign-in-page';
import { authConfig } from '@/server/auth/auth-config';
import { SSO_PROVIDER_ID } from '@/server/auth/options';

// Rendered per request (it reads searchParams): the sign-in choices come from the server's environment, not the build's.
export default async function ConsoleLoginPage({ searchParams }: { searchParams: Promise<{ sso?: string }> }) {
  const { sso } = await searchParams;
  const config = authConfig();
  return (
    <SignInPage
      area="console"
      staff={{
        ssoProvider: config.sso ? SSO_PROVIDER_ID : null,
        password: config.staffPasswordSignIn,
        ssoRefusal: sso ?? null,
      }}
    />
  );
}
