import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

// The portal's place for every customer-facing module of the SPEC (§3 intake, §4 tracking, §6 surveys, §8 notices).
// Built modules are links; the rest are shown "coming soon", so customers learn where things will be.
const SERVICES: readonly {
  key: 'lodge' | 'myComplaints' | 'surveys' | 'notices' | 'workOrders';
  icon: string;
  href: string | null;
}[] = [
  { key: 'lodge', icon: '✎', href: '/portal/interactions/new' },
  { key: 'myComplaints', icon: '☰', href: '/portal/interactions' },
  { key: 'surveys', icon: '☺', href: '/portal/surveys' },
  { key: 'notices', icon: '✉', href: '/portal/notices' },
  { key: 'workOrders', icon: '⚙', href: '/portal/work-orders' },
];

export async function PortalServices() {
  const t = await getTranslations('portal.home');
  return (
    <section aria-labelledby="portal-services-title">
      <h2 id="portal-services-title" className="mb-3 text-base font-semibold text-slate-800">
        {t('servicesTitle')}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {SERVICES.map((service) =>
          service.href ? (
            <li key={service.key} data-testid={`portal-service-${service.key}`}>
              <Link
                href={service.href}
                className="block h-full rounded-lg border border-slate-200 bg-white p-4 text-slate-600 shadow-xs hover:border-blue-400 hover:shadow-sm focus-visible:outline-2 focus-visible:outline-blue-700"
              >
                <span
                  aria-hidden="true"
                  className="flex size-9 items-center justify-center rounded-full bg-blue-50 text-lg text-blue-700"
                >
                  {service.icon}
                </span>
                <h3 className="mt-3 text-sm font-semibold text-blue-800">{t(`services.${service.key}.title`)}</h3>
                <p className="mt-1 text-xs leading-relaxed">{t(`services.${service.key}.body`)}</p>
              </Link>
            </li>
          ) : (
            <li
              key={service.key}
              aria-disabled="true"
              data-testid={`portal-service-${service.key}`}
              className="relative rounded-lg border border-dashed border-slate-300 bg-white/60 p-4 text-slate-500"
            >
              <div className="flex items-start justify-between gap-2">
                <span
                  aria-hidden="true"
                  className="flex size-9 items-center justify-center rounded-full bg-slate-100 text-lg text-slate-400"
                >
                  {service.icon}
                </span>
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">
                  {t('comingSoon')}
                </span>
              </div>
              <h3 className="mt-3 text-sm font-semibold text-slate-700">{t(`services.${service.key}.title`)}</h3>
              <p className="mt-1 text-xs leading-relaxed">{t(`services.${service.key}.body`)}</p>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
