import { getTranslations } from 'next-intl/server';
import { AccountControls } from '@/components/account-controls';
import { AppBrand } from '@/components/app-brand';
import { PortalNoticeBanner } from '@/components/notices/portal-notice-banner';
import { Providers } from '@/components/providers';
import { requireCustomerPage } from '@/server/auth/session';

export const dynamic = 'force-dynamic';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const { name } = await requireCustomerPage();
  const t = await getTranslations();
  return (
    <Providers>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <AppBrand area={t('portal.title')} />
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <AccountControls name={name} signInPath="/portal/login" />
          </div>
        </div>
      </header>
      <PortalNoticeBanner />
      <main className="mx-auto max-w-5xl p-4 sm:p-6">{children}</main>
    </Providers>
  );
}
