'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';

type Item = { key: string; href?: string; permission?: string };

// Every module of the SPEC has its place; modules still to come are shown, greyed, so users see where they will live.
const SECTIONS: Item[][] = [
  [{ key: 'dashboard', href: '/console' }],
  [
    { key: 'customers', href: '/console/customers', permission: 'customers:read' },
    { key: 'keyAccounts', href: '/console/key-accounts', permission: 'keyaccounts:read' },
    { key: 'interactions', href: '/console/interactions', permission: 'interactions:read' },
    { key: 'complaints', href: '/console/complaints', permission: 'interactions:read' },
    { key: 'callbacks', href: '/console/callbacks', permission: 'callbacks:read' },
    { key: 'surveys', href: '/console/surveys', permission: 'surveys:read' },
    { key: 'visits', href: '/console/visits', permission: 'visits:read' },
    { key: 'workOrders', href: '/console/work-orders', permission: 'workorders:read' },
    { key: 'notices', href: '/console/notices', permission: 'notices:read' },
    { key: 'reports', href: '/console/reports', permission: 'reports:read' },
  ],
  [
    { key: 'apiKeys', href: '/console/admin/api-keys', permission: 'apiKeys:manage' },
    { key: 'users', href: '/console/admin/users', permission: 'users:manage' },
    { key: 'departments', href: '/console/admin/departments', permission: 'users:manage' },
    { key: 'audit', href: '/console/admin/audit', permission: 'users:manage' },
    { key: 'serviceRules', href: '/console/admin/service-rules', permission: 'settings:read' },
    { key: 'jobs', href: '/console/admin/jobs', permission: 'users:manage' },
    { key: 'developers', href: '/developers' },
    { key: 'webhooks', href: '/console/admin/webhooks', permission: 'webhooks:manage' },
  ],
];

export function ConsoleNav({ permissions }: { permissions: string[] }) {
  const t = useTranslations('console.nav');
  const tc = useTranslations('common');
  const pathname = usePathname();
  return (
    // On a phone the menu is one row that scrolls sideways above the page, so the page keeps the screen's width.
    <nav aria-label="main" className="space-y-4 max-md:flex max-md:gap-1 max-md:space-y-0 max-md:overflow-x-auto">
      {SECTIONS.map((items, i) => (
        <ul key={i} className="space-y-1 max-md:flex max-md:gap-1 max-md:space-y-0">
          {items
            .filter((item) => !item.permission || permissions.includes(item.permission))
            .map((item) => {
              const active =
                item.href && (item.href === '/console' ? pathname === '/console' : pathname.startsWith(item.href));
              return (
                <li key={item.key}>
                  {item.href ? (
                    <Link
                      href={item.href}
                      aria-current={active ? 'page' : undefined}
                      className={`block rounded px-3 py-2 text-sm whitespace-nowrap ${active ? 'bg-blue-50 font-medium text-blue-800' : 'text-slate-700 hover:bg-slate-100'}`}
                    >
                      {t(item.key)}
                    </Link>
                  ) : (
                    <span
                      className="flex items-center justify-between gap-1 rounded px-3 py-2 text-sm whitespace-nowrap text-slate-500"
                      title={tc('comingSoon')}
                    >
                      {t(item.key)}
                      <span className="rounded bg-slate-100 px-1.5 text-[10px] text-slate-600">{tc('comingSoon')}</span>
                    </span>
                  )}
                </li>
              );
            })}
        </ul>
      ))}
    </nav>
  );
}
