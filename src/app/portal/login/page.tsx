import { SignInPage } from '@/components/sign-in-page';

export default function PortalLoginPage() {
  return <SignInPage area="portal" />;
}
