import { getLocale, getTimeZone, getTranslations } from 'next-intl/server';
import { DetailItem } from '@/components/ui/detail-item';
import { daysBetween, formatDateTime, formatMoney, todayIn } from '@/lib/format';
import type { PortalProfile } from './load-profile';

const STATUS_COLOURS: Record<PortalProfile['status'], string> = {
  ACTIVE: 'bg-green-50 text-green-800 ring-green-600/20',
  PROSPECT: 'bg-blue-50 text-blue-800 ring-blue-600/20',
  SUSPENDED: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  REVOKED: 'bg-red-50 text-red-700 ring-red-600/20',
  EXPIRED: 'bg-slate-100 text-slate-600 ring-slate-500/20',
};

/** The customer's own organisation: certification, contact details, contacts and contracts (SPEC §1). */
export async function CompanyProfile({ profile }: { profile: PortalProfile }) {
  const [t, locale, timeZone] = await Promise.all([getTranslations('portal.profile'), getLocale(), getTimeZone()]);
  const today = todayIn(timeZone);
  const notSet = <span className="text-slate-500">{t('notSet')}</span>;
  const text = (value: string | null) => (value ? value : notSet);
  const surveillanceIn = profile.plannedSurveillanceDate ? daysBetween(today, profile.plannedSurveillanceDate) : null;
  const address = [profile.province, profile.address].filter(Boolean).join(' ');

  return (
    <section aria-labelledby="portal-profile-title" className="space-y-4" data-testid="portal-profile">
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p id="portal-profile-title" className="text-xs font-medium tracking-wide text-slate-500">
              {t('title')}
            </p>
            <h1
              className="mt-1 text-xl font-semibold break-words text-slate-900 sm:text-2xl"
              data-testid="portal-company-name"
            >
              {profile.name}
            </h1>
          </div>
          <span
            className={`shrink-0 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${STATUS_COLOURS[profile.status]}`}
            data-testid="portal-status"
          >
            <span className="sr-only">{t('fields.status')}: </span>
            {t(`status.${profile.status}`)}
          </span>
        </div>
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <DetailItem label={t('fields.contractNo')}>
            <span className="font-mono" data-testid="portal-contract-no">
              {text(profile.contractNo)}
            </span>
          </DetailItem>
          <DetailItem label={t('fields.certificateNo')}>
            <span className="font-mono" data-testid="portal-certificate-no">
              {text(profile.certificateNo)}
            </span>
          </DetailItem>
        </dl>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t('certification')}>
          <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
            <DetailItem label={t('fields.certificationScope')} className="sm:col-span-2">
              {text(profile.certificationScope)}
            </DetailItem>
            <DetailItem label={t('fields.professionalCode')}>{text(profile.professionalCode)}</DetailItem>
            <DetailItem label={t('fields.applicationAcceptedAt')}>{text(profile.applicationAcceptedAt)}</DetailItem>
            <DetailItem label={t('fields.auditDate')}>{text(profile.auditDate)}</DetailItem>
            <DetailItem label={t('fields.implementationDate')}>{text(profile.implementationDate)}</DetailItem>
            <DetailItem label={t('fields.plannedSurveillanceDate')}>
              {profile.plannedSurveillanceDate ? (
                <span data-testid="portal-planned-surveillance">
                  {profile.plannedSurveillanceDate}
                  {surveillanceIn !== null && surveillanceIn >= 0 && surveillanceIn <= 90 && (
                    <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">
                      {t('daysUntil', { days: surveillanceIn })}
                    </span>
                  )}
                </span>
              ) : (
                notSet
              )}
            </DetailItem>
          </dl>
        </Card>

        <Card title={t('contactInfo')}>
          <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
            <DetailItem label={t('fields.address')} className="sm:col-span-2">
              {text(address || null)}
            </DetailItem>
            <DetailItem label={t('fields.postcode')}>{text(profile.postcode)}</DetailItem>
            <DetailItem label={t('fields.phone')}>
              {profile.phone ? (
                <a className="text-blue-700 hover:underline" href={`tel:${profile.phone}`}>
                  {profile.phone}
                </a>
              ) : (
                notSet
              )}
            </DetailItem>
            <DetailItem label={t('fields.contactPerson')}>{text(profile.contactPerson)}</DetailItem>
          </dl>
        </Card>
      </div>

      <Card title={t('contacts.title')}>
        {profile.contacts.length === 0 ? (
          <p className="text-sm text-slate-500">{t('contacts.empty')}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="portal-contacts">
            {profile.contacts.map((contact) => (
              <li key={contact.id} className="rounded border border-slate-200 p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{contact.name}</span>
                  {contact.title && <span className="text-slate-500">{contact.title}</span>}
                  {contact.isPrimary && (
                    <span className="rounded bg-blue-50 px-1.5 py-0.5 text-xs text-blue-800">
                      {t('contacts.primary')}
                    </span>
                  )}
                </div>
                <dl className="mt-2 space-y-1 text-slate-600">
                  {contact.mobile && (
                    <ContactLine label={t('contacts.mobile')}>
                      <a className="hover:underline" href={`tel:${contact.mobile}`}>
                        {contact.mobile}
                      </a>
                    </ContactLine>
                  )}
                  {contact.phone && (
                    <ContactLine label={t('contacts.phone')}>
                      <a className="hover:underline" href={`tel:${contact.phone}`}>
                        {contact.phone}
                      </a>
                    </ContactLine>
                  )}
                  {contact.email && (
                    <ContactLine label={t('contacts.email')}>
                      <a className="break-all hover:underline" href={`mailto:${contact.email}`}>
                        {contact.email}
                      </a>
                    </ContactLine>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card
        title={t('contracts.title')}
        aside={profile.contracts.length > 0 ? t('contracts.count', { count: profile.contracts.length }) : undefined}
      >
        {profile.contracts.length === 0 ? (
          <p className="text-sm text-slate-500">{t('contracts.empty')}</p>
        ) : (
          <>
            {/* Phones: one card per contract. */}
            <ul className="space-y-3 sm:hidden">
              {profile.contracts.map((contract) => (
                <li key={contract.id} className="rounded border border-slate-200 p-3 text-sm">
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <div className="font-medium text-slate-900">{contract.title ?? contract.contractNo}</div>
                      <div className="font-mono text-xs text-slate-500">{contract.contractNo}</div>
                    </div>
                    <div className="shrink-0 font-medium tabular-nums">{formatMoney(contract.amount, locale)}</div>
                  </div>
                  <div className="mt-2 text-xs text-slate-500">
                    {t('contracts.signedAt')}: {contract.signedAt ?? '—'}
                    {(contract.startsAt || contract.endsAt) &&
                      ` · ${t('contracts.period')}: ${contract.startsAt ?? '…'} ~ ${contract.endsAt ?? '…'}`}
                  </div>
                </li>
              ))}
              <li className="flex justify-between rounded bg-slate-50 px-3 py-2 text-sm font-semibold">
                <span>{t('contracts.total')}</span>
                <span className="tabular-nums">{formatMoney(profile.contractTotal, locale)}</span>
              </li>
            </ul>

            {/* Wider screens: a table. */}
            <div className="hidden overflow-x-auto sm:block">
              <table className="min-w-full text-sm" data-testid="portal-contracts">
                <caption className="sr-only">{t('contracts.title')}</caption>
                <thead className="border-b border-slate-200 text-left text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      {t('contracts.contractNo')}
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      {t('contracts.contractTitle')}
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      {t('contracts.signedAt')}
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      {t('contracts.period')}
                    </th>
                    <th scope="col" className="py-2 text-right font-medium">
                      {t('contracts.amount')}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {profile.contracts.map((contract) => (
                    <tr key={contract.id}>
                      <td className="py-2 pr-4 font-mono text-xs whitespace-nowrap">{contract.contractNo}</td>
                      <td className="py-2 pr-4">{contract.title ?? '—'}</td>
                      <td className="py-2 pr-4 whitespace-nowrap">{contract.signedAt ?? '—'}</td>
                      <td className="py-2 pr-4 whitespace-nowrap">
                        {contract.startsAt || contract.endsAt
                          ? `${contract.startsAt ?? '…'} ~ ${contract.endsAt ?? '…'}`
                          : '—'}
                      </td>
                      <td className="py-2 text-right whitespace-nowrap tabular-nums">
                        {formatMoney(contract.amount, locale)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot className="border-t-2 border-slate-200 font-semibold">
                  <tr>
                    <th scope="row" colSpan={4} className="py-2 pr-4 text-left">
                      {t('contracts.total')}
                    </th>
                    <td className="py-2 text-right whitespace-nowrap tabular-nums" data-testid="portal-contract-total">
                      {formatMoney(profile.contractTotal, locale)}
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </>
        )}
      </Card>

      <p className="text-xs text-slate-500">
        {t('updatedAt', { date: formatDateTime(profile.updatedAt.toISOString(), timeZone) })} · {t('correctionHint')}
      </p>
    </section>
  );
}

function Card({ title, aside, children }: { title: string; aside?: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="mb-4 flex items-baseline justify-between gap-3">
        <h2 className="text-base font-semibold text-slate-800">{title}</h2>
        {aside && <span className="text-xs text-slate-500">{aside}</span>}
      </div>
      {children}
    </div>
  );
}

function ContactLine({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="w-14 shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}
