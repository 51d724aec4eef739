import { LocaleSwitcher } from '@/components/locale-switcher';
import { SignOutButton } from '@/components/sign-out-button';

/** The end of the console's and the portal's header: who is signed in, the language switch, and signing out. */
export function AccountControls({ name, signInPath }: { name: string; signInPath: string }) {
  return (
    <>
      <span className="text-sm text-slate-600" data-testid="current-user">
        {name}
      </span>
      <LocaleSwitcher />
      <SignOutButton callbackUrl={signInPath} />
    </>
  );
}
