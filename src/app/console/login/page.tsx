import { SignInPage } from '@/components/sign-in-page';

export default function ConsoleLoginPage() {
  return <SignInPage area="console" />;
}
