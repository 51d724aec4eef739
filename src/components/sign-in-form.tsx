'use client';
import Link from 'next/link';
import { getSession, signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buttonClass, inputClass } from '@/components/ui/classes';

type Area = 'console' | 'portal';

const SSO_REFUSALS = ['noEmail', 'domain', 'noAccount', 'pending', 'inactive', 'customer'] as const;

/**
 * Password sign-in for staff (console) and customers (portal), and on the console the company's single sign-on
 * (`ssoProvider`, the next-auth provider id) when configured; `password` false hides the password form (staff
 * passwords off). `ssoRefusal` is why the last SSO attempt was turned away (sso.ts). A wrong e-mail and a wrong password fail alike, so the
 * form never tells whether an account exists; only once the password was right does it say that the account belongs on
 * the other side (a staff account on the portal, a customer account on the console) and link there.
 */
export function SignInForm({
  area,
  ssoProvider = null,
  password = true,
  ssoRefusal = null,
}: {
  area: Area;
  ssoProvider?: string | null;
  password?: boolean;
  ssoRefusal?: string | null;
}) {
  const t = useTranslations('common');
  const th = useTranslations('home.signIn');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [otherArea, setOtherArea] = useState<Area | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    setOtherArea(null);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      setError(result?.error === 'THROTTLED' ? t('signInThrottled') : t('signInFailed'));
      return;
    }
    // Signed in: the account's own side decides where it belongs.
    const session = await getSession();
    const isCustomer = session?.user.role === 'CUSTOMER';
    const belongsTo: Area = isCustomer ? 'portal' : 'console';
    setPending(false);
    if (session && belongsTo !== area) {
      setOtherArea(belongsTo);
      return;
    }
    router.push(`/${area}`);
    router.refresh();
  }

  const refusal = SSO_REFUSALS.find((reason) => reason === ssoRefusal);
  return (
    <div className="space-y-5">
      {ssoProvider && (
        <div className="space-y-3">
          {refusal && (
            <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="sso-refused">
              {th(`sso.refused.${refusal}`)}
            </p>
          )}
          {/* A link: it leads away to the company's sign-in page (next-auth starts it with a POST, hence the click). */}
          <a
            href={`/api/auth/signin/${ssoProvider}`}
            aria-disabled={pending}
            onClick={(event) => {
              event.preventDefault();
              if (pending) return;
              setPending(true);
              void signIn(ssoProvider, { callbackUrl: `/${area}` });
            }}
            className={`${buttonClass.primary} block w-full py-2 text-center`}
          >
            {th('sso.button')}
          </a>
          {password && <p className="text-center text-xs text-slate-500">{th('sso.orPassword')}</p>}
        </div>
      )}
      {password && (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <label className="block">
            <span className="mb-1 block text-sm font-medium">{t('email')}</span>
            <input name="email" type="email" autoComplete="username" required className={inputClass} />
          </label>
          <label className="block">
            <span className="mb-1 block text-sm font-medium">{t('password')}</span>
            <input name="password" type="password" autoComplete="current-password" required className={inputClass} />
          </label>
          {error && (
            <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          )}
          {otherArea && (
            <div
              role="alert"
              className="space-y-2 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
              data-testid="sign-in-other-area"
            >
              <p>{otherArea === 'console' ? th('staffOnPortal') : th('customerOnConsole')}</p>
              <Link className={buttonClass.link} href={`/${otherArea}`}>
                {otherArea === 'console' ? th('goConsole') : th('goPortal')}
              </Link>
            </div>
          )}
          <button type="submit" disabled={pending} className={`${buttonClass.primary} w-full py-2`}>
            {pending ? t('signingIn') : t('signIn')}
          </button>
        </form>
      )}
      {area === 'portal' && (
        <p className="border-t border-slate-200 pt-4 text-sm text-slate-700" data-testid="portal-login-public-links">
          {th('noAccount')}{' '}
          <Link className={buttonClass.link} href="/submit">
            {th('submit')}
          </Link>{' '}
          ·{' '}
          <Link className={buttonClass.link} href="/track">
            {th('track')}
          </Link>
        </p>
      )}
    </div>
  );
}
