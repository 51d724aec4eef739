import { getTranslations } from 'next-intl/server';
import { AccountControls } from '@/components/account-controls';
import { AppBrand } from '@/components/app-brand';
import { ConsoleNav } from '@/components/console-nav';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { Providers } from '@/components/providers';
import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { viewer, name } = await requireStaffPage();
  const t = await getTranslations();
  return (
    <Providers>
      <div className="flex min-h-screen max-md:flex-col">
        <aside className="w-56 shrink-0 border-r border-slate-200 bg-white p-4 max-md:w-full max-md:border-r-0 max-md:border-b max-md:p-2">
          <AppBrand area={t('console.title')} stacked />
          <ConsoleNav permissions={[...ROLE_PERMISSIONS[viewer.role]]} />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex flex-wrap items-center justify-end gap-4 border-b border-slate-200 bg-white px-6 py-3 max-md:gap-2 max-md:px-3">
            <NotificationBell />
            <AccountControls name={name} signInPath="/console/login" />
          </header>
          <main className="min-w-0 flex-1 p-6 max-md:p-3">{children}</main>
        </div>
      </div>
    </Providers>
  );
}
