'use client';
import { useLocale, useTranslations } from 'next-intl';
import { DataTable } from '@/components/ui/data-table';
import { DetailItem } from '@/components/ui/detail-item';
import { CustomerContactsAndContractsFragment } from '@/components/customers/customer-operations';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { getFragmentData, graphql } from '@/gql';
import type { PortalCompanyQuery } from '@/gql/graphql';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { daysBetween, formatDateTime, formatMoney, todayIn } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

/**
 * What the portal shows a customer about their own organisation, through `viewer.customer` (the signed-in customer's
 * own record and nothing else). A deliberate subset: internal fields (credit standing, grade, key-account status,
 * owner, history) are not asked for.
 */
// `...CustomerContactsAndContracts`: the customer screens' fragment (components/customers/customer-operations.ts).
const PortalCompanyQueryDocument = graphql(`
  query PortalCompany {
    viewer {
      customer {
        id
        name
        contractNo
        certificateNo
        status
        certificationScope
        professionalCode
        applicationAcceptedAt
        auditDate
        implementationDate
        plannedSurveillanceDate
        province
        address
        postcode
        phone
        contactPerson
        updatedAt
        ...CustomerContactsAndContracts
        contractTotal
      }
    }
  }
`);

type PortalProfile = NonNullable<NonNullable<PortalCompanyQuery['viewer']>['customer']>;

const STATUS_COLOURS: Record<PortalProfile['status'], string> = {
  ACTIVE: 'bg-green-50 text-green-800 ring-green-600/20',
  PROSPECT: 'bg-blue-50 text-blue-800 ring-blue-600/20',
  SUSPENDED: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  REVOKED: 'bg-red-50 text-red-700 ring-red-600/20',
  EXPIRED: 'bg-slate-100 text-slate-600 ring-slate-500/20',
};

/**
 * The signed-in customer's company profile. An account whose organisation is gone still gets the portal, with a note
 * instead of a crash.
 */
export function CompanyProfile() {
  const t = useTranslations('portal');
  const tc = useTranslations('common');
  const query = useGqlQuery(PortalCompanyQueryDocument);
  if (query.isPending) return <Spinner label={tc('loading')} />;
  if (query.error)
    return (
      <ErrorBanner
        message={t('profile.unavailable')}
        onRetry={() => void query.refetch()}
        testId="portal-profile-unavailable"
      />
    );
  const profile = query.data.viewer?.customer;
  if (!profile)
    return (
      <p
        role="alert"
        className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
        data-testid="portal-profile-unavailable"
      >
        {t('profile.unavailable')}
      </p>
    );
  return <CompanyProfileBody profile={profile} />;
}

/** The customer's own organisation: certification, contact details, contacts and contracts (SPEC §1). */
function CompanyProfileBody({ profile }: { profile: PortalProfile }) {
  const t = useTranslations('portal.profile');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const today = todayIn(timeZone);
  const notSet = <span className="text-slate-500">{t('notSet')}</span>;
  const text = (value: string | null) => (value ? value : notSet);
  const surveillanceIn = profile.plannedSurveillanceDate ? daysBetween(today, profile.plannedSurveillanceDate) : null;
  const address = [profile.province, profile.address].filter(Boolean).join(' ');
  const { contacts, contracts } = getFragmentData(CustomerContactsAndContractsFragment, profile);

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
            {(['professionalCode', 'applicationAcceptedAt', 'auditDate', 'implementationDate'] as const).map((key) => (
              <DetailItem key={key} label={t(`fields.${key}`)}>
                {text(profile[key])}
              </DetailItem>
            ))}
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
        {contacts.length === 0 ? (
          <p className="text-sm text-slate-500">{t('contacts.empty')}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="portal-contacts">
            {contacts.map((contact) => (
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
                  {(
                    [
                      ['mobile', contact.mobile, 'tel:'],
                      ['phone', contact.phone, 'tel:'],
                      ['email', contact.email, 'mailto:'],
                    ] as const
                  ).map(([kind, value, scheme]) =>
                    value ? (
                      <ContactLine key={kind} label={t(`contacts.${kind}`)}>
                        <a className="break-all hover:underline" href={`${scheme}${value}`}>
                          {value}
                        </a>
                      </ContactLine>
                    ) : null,
                  )}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card
        title={t('contracts.title')}
        aside={contracts.length > 0 ? t('contracts.count', { count: contracts.length }) : undefined}
      >
        <DataTable
          columns={[
            {
              id: 'contractNo',
              header: t('contracts.contractNo'),
              className: 'font-mono text-xs whitespace-nowrap',
              cell: (contract) => contract.contractNo,
              footer: t('contracts.total'),
            },
            { id: 'title', header: t('contracts.contractTitle'), cell: (contract) => contract.title ?? '—' },
            {
              id: 'signedAt',
              header: t('contracts.signedAt'),
              className: 'whitespace-nowrap',
              cell: (contract) => contract.signedAt ?? '—',
            },
            {
              id: 'period',
              header: t('contracts.period'),
              className: 'whitespace-nowrap',
              cell: (contract) =>
                contract.startsAt || contract.endsAt ? `${contract.startsAt ?? '…'} ~ ${contract.endsAt ?? '…'}` : '—',
            },
            {
              id: 'amount',
              header: t('contracts.amount'),
              className: 'text-right whitespace-nowrap tabular-nums',
              cell: (contract) => formatMoney(contract.amount, locale),
              footer: <span data-testid="portal-contract-total">{formatMoney(profile.contractTotal, locale)}</span>,
            },
          ]}
          rows={contracts}
          rowKey={(contract) => contract.id}
          state={{ loading: false }}
          empty={t('contracts.empty')}
          caption={t('contracts.title')}
          testId="portal-contracts"
        />
      </Card>

      <p className="text-xs text-slate-500">
        {t('updatedAt', { date: formatDateTime(profile.updatedAt, timeZone) })} · {t('correctionHint')}
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
