import { LocaleSwitcher } from '@/components/locale-switcher';
import { SignOutButton } from '@/components/sign-out-button';

/** The signed-in person's corner of a layout's header (console and portal): their name, the language, signing out. */
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
