'use client';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { buttonClass, inputClass, labelClass } from '@/components/ui/classes';
import { DataTable, type Column } from '@/components/ui/data-table';
import { DetailItem } from '@/components/ui/detail-item';
import { FormDialog } from '@/components/ui/form-dialog';
import { Spinner } from '@/components/ui/status';
import { getFragmentData, graphql } from '@/gql';
import { ARCHIVE_REASON_MAX_LENGTH } from '@/graphql/customers/customer-fields.rules';
import type {
  CustomerContactsAndContractsFragment as CustomerLists,
  CustomerDetailQuery,
  CustomerRecordFragment as CustomerRecord,
} from '@/gql/graphql';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime, formatMoney } from '@/lib/format';
import { isGqlError } from '@/lib/gql-error-message';
import { errorMessage } from './customer-errors';
import { CustomerCallbacks } from '@/components/callbacks/customer-callbacks';
import { KeyAccountObligationsPanel } from '@/components/key-accounts/key-account-obligations-panel';
import { CustomerRecordFragment } from './customer-form';
import { CustomerGradingPanel } from './customer-grading-panel';
import {
  CustomerHistoryBlock,
  CustomerInteractionsBlock,
  CustomerKeyAccountBlock,
  CustomerSurveysBlock,
} from './customer-360';
import { CustomerContactsAndContractsFragment } from './customer-operations';
import { Section } from '@/components/ui/section';
import { ArchivedBadge, CreditBadge, CustomerLoaded, KeyAccountBadge, StatusBadge } from './customer-ui';
import { useCustomerPermissions } from './use-customer-permissions';
import { KeyAccountFlagsButton } from '@/components/key-accounts/key-account-flags-dialog';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

// `...CustomerRecord` is the form's fragment (customer-form.tsx): the page shows what the form edits, and more.
const CustomerDetailQueryDocument = graphql(`
  query CustomerDetail($id: ID!) {
    customer(id: $id) {
      ...CustomerRecord
      keyAccountStatus
      grade
      owner {
        id
        name
        email
      }
      createdAt
      updatedAt
      contractTotal
    }
  }
`);

const CustomerArchiveMutation = graphql(`
  mutation CustomerArchive($id: ID!, $version: Int!, $reason: String) {
    archiveCustomer(id: $id, version: $version, reason: $reason) {
      id
      version
      archivedAt
    }
  }
`);

const CustomerRestoreMutation = graphql(`
  mutation CustomerRestore($id: ID!, $version: Int!) {
    restoreCustomer(id: $id, version: $version) {
      id
      version
      archivedAt
    }
  }
`);

type Customer = NonNullable<CustomerDetailQuery['customer']>;

type Contact = CustomerLists['contacts'][number];

/** The customer's contacts or contracts as a table in their section (cards on a phone). */
function RecordRowsTable<Row extends { id: string }>({
  list,
  rows,
  columns,
}: {
  list: 'contacts' | 'contracts';
  rows: Row[];
  columns: Column<Row>[];
}) {
  const t = useTranslations('customers');
  return (
    <Section title={t(`sections.${list}`)} testId={`customer-${list}`}>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
        state={{ loading: false }}
        empty={list === 'contacts' ? t('detail.noContacts') : t('detail.noContracts')}
        rowTestId={list === 'contacts' ? 'customer-contact-row' : 'customer-contract-row'}
      />
    </Section>
  );
}

type FieldItem = { label: string; value: React.ReactNode; wide?: boolean; testId?: string };
type FieldKey =
  | Exclude<keyof CustomerRecord, ` $${string}`>
  | 'owner'
  | 'contractTotal'
  | 'keyAccountStatus'
  | 'grade'
  | 'createdAt'
  | 'updatedAt';

function Fields({ items }: { items: FieldItem[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
      {items.map((item) => (
        <DetailItem
          key={item.label}
          label={item.label}
          className={item.wide ? 'sm:col-span-2 lg:col-span-3' : ''}
          testId={item.testId}
        >
          {item.value === null || item.value === undefined || item.value === '' ? (
            <span className="text-slate-300">—</span>
          ) : (
            item.value
          )}
        </DetailItem>
      ))}
    </dl>
  );
}

/**
 * The customer 360 page (SPEC §1 "a customer's page shows everything"): every field, contacts, contracts, the
 * key-account block, interactions and complaints, callbacks, survey responses with their trend, and the history —
 * each block loading and paging on its own. Other modules' panels mount as one line each in the main column or the
 * aside (e.g. `<CustomerGradingPanel customerId={id} />`).
 */
export function CustomerDetail({ customerId }: { customerId: string }) {
  const detail = useGqlQuery(CustomerDetailQueryDocument, { id: customerId });
  return (
    <CustomerLoaded query={detail}>
      {(customer) => (
        <CustomerDetailBody customer={customer} reload={() => void detail.refetch()} refreshing={detail.isFetching} />
      )}
    </CustomerLoaded>
  );
}

function CustomerDetailBody({
  customer,
  reload,
  refreshing,
}: {
  customer: Customer;
  reload: () => void;
  refreshing: boolean;
}) {
  // The form's fragment (customer-form.tsx) and the contacts and contracts inside it (customer-operations.ts), read
  // once where the record enters the page.
  const record = getFragmentData(CustomerRecordFragment, customer);
  const { contacts, contracts } = getFragmentData(CustomerContactsAndContractsFragment, record);
  const t = useTranslations('customers');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const permissions = useCustomerPermissions();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const saved = searchParams.get('saved');
  const [archiveOpen, setArchiveOpen] = useState(false);
  const [actionError, setActionError] = useState<{ message: string; conflict: boolean } | null>(null);
  // Archiving or restoring shows in the list, its totals and this page.
  const restoreCustomer = useGqlMutation(CustomerRestoreMutation, { invalidates: ['Customer'] });
  const restoring = restoreCustomer.isPending;

  const money = (value: string | null | undefined) =>
    value ? <span className="tabular-nums">{formatMoney(value, locale)}</span> : null;
  const dateTime = (iso: string | null | undefined) => formatDateTime(iso, timeZone);

  /** A labelled value of the record; by default the field of that name, as stored. */
  const field = (
    key: FieldKey,
    value: React.ReactNode = record[key as keyof CustomerRecord] as React.ReactNode,
    more: Pick<FieldItem, 'wide' | 'testId'> = {},
  ): FieldItem => ({ label: t(`fields.${key}`), value, ...more });
  const wide = { wide: true };
  const fieldSections: { section: string; items: FieldItem[] }[] = [
    {
      section: 'basic',
      items: [
        field('name', record.name, wide),
        field('contractNo', record.contractNo, { testId: 'detail-contractNo' }),
        field('certificateNo'),
        field('status', <StatusBadge status={record.status} />),
        field('owner', customer.owner?.name),
      ],
    },
    {
      section: 'certification',
      items: [
        field('applicationAcceptedAt'),
        field('auditDate'),
        field('implementationDate'),
        field('plannedSurveillanceDate'),
        field('professionalCode'),
        field('certificationScope', record.certificationScope, wide),
      ],
    },
    {
      section: 'fees',
      items: [
        field('initialAuditFee', money(record.initialAuditFee)),
        field('surveillanceAuditFee', money(record.surveillanceAuditFee)),
        field('contractTotal', money(customer.contractTotal)),
      ],
    },
    {
      section: 'contact',
      items: [
        field('contactPerson'),
        field('phone'),
        field('postcode'),
        field('province'),
        field('address', record.address, wide),
      ],
    },
    {
      section: 'business',
      items: [
        field('legalRepresentative'),
        field('handler'),
        field('industry'),
        field('businessCondition', record.businessCondition, wide),
        field('businessLines', record.businessLines, wide),
      ],
    },
    {
      section: 'classification',
      items: [
        field('creditStanding', <CreditBadge credit={record.creditStanding} />),
        field('source', record.source ? t(`source.${record.source}`) : null),
        field('grade', customer.grade ? t(`grade.${customer.grade}`) : null),
        field('keyAccountStatus', <KeyAccountBadge status={customer.keyAccountStatus} />),
      ],
    },
  ];

  const restore = async () => {
    setActionError(null);
    try {
      await restoreCustomer.mutateAsync({ id: record.id, version: record.version });
    } catch (error) {
      setActionError({ message: errorMessage(error, t), conflict: isGqlError(error, 'CONFLICT') });
    }
  };

  return (
    <div className="space-y-5" data-testid="customer-detail" data-customer-id={record.id}>
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <nav aria-label={t('breadcrumb')} className="mb-1 text-sm text-slate-500">
            <Link href="/console/customers" className="hover:underline">
              {t('title')}
            </Link>
          </nav>
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold" data-testid="customer-name">
            <span className="break-all">{record.name}</span>
            <StatusBadge status={record.status} />
            {customer.keyAccountStatus !== 'NONE' && <KeyAccountBadge status={customer.keyAccountStatus} />}
            {record.archivedAt && <ArchivedBadge />}
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            {[
              record.contractNo && t('detail.contractNoShort', { no: record.contractNo }),
              record.certificateNo && t('detail.certificateNoShort', { no: record.certificateNo }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {refreshing && <Spinner />}
          <KeyAccountFlagsButton customerId={record.id} />
          {permissions.canWrite && (
            <>
              <Link
                href={`/console/customers/${record.id}/edit`}
                className={buttonClass.primary}
                data-testid="customer-edit"
              >
                {t('actions.edit')}
              </Link>
              {record.archivedAt ? (
                <Button onClick={restore} disabled={restoring} data-testid="customer-restore">
                  {restoring ? t('archive.restoring') : t('archive.restore')}
                </Button>
              ) : (
                <Button onClick={() => setArchiveOpen(true)} data-testid="customer-archive">
                  {t('archive.archive')}
                </Button>
              )}
            </>
          )}
        </div>
      </header>

      {saved && (saved === 'created' || saved === 'updated') && (
        <div
          role="status"
          data-testid="customer-saved"
          className="flex items-center justify-between gap-3 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-900"
        >
          <span>{saved === 'created' ? t('detail.created') : t('detail.updated')}</span>
          <button
            type="button"
            className="text-emerald-900 hover:underline"
            onClick={() => router.replace(pathname, { scroll: false })}
          >
            {t('actions.dismiss')}
          </button>
        </div>
      )}

      {actionError && (
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800"
        >
          <span>{actionError.message}</span>
          {actionError.conflict && (
            <Button
              onClick={() => {
                setActionError(null);
                reload();
              }}
            >
              {t('form.conflictReload')}
            </Button>
          )}
        </div>
      )}

      {record.archivedAt && (
        <p
          className="rounded-md border border-slate-300 bg-slate-100 px-4 py-2 text-sm text-slate-700"
          data-testid="customer-archived-notice"
        >
          {t('detail.archivedNotice', { date: dateTime(record.archivedAt) })}
        </p>
      )}

      <div className="grid gap-5 xl:grid-cols-[minmax(0,2fr)_minmax(20rem,1fr)]">
        <div className="min-w-0 space-y-5">
          {fieldSections.map(({ section, items }) => (
            <Section key={section} title={t(`sections.${section}`)}>
              <Fields items={items} />
            </Section>
          ))}

          <RecordRowsTable
            list="contacts"
            rows={contacts}
            columns={[
              {
                id: 'name',
                header: t('contactFields.name'),
                className: 'font-medium',
                cell: (c) => (
                  <>
                    {c.name}
                    {c.isPrimary && (
                      <span className="ml-1.5 rounded bg-blue-50 px-1 text-[11px] text-blue-800">
                        {t('contactFields.isPrimary')}
                      </span>
                    )}
                  </>
                ),
              },
              ...(['title', 'phone', 'mobile'] as const).map((field) => ({
                id: field,
                header: t(`contactFields.${field}`),
                cell: (c: Contact) => c[field],
              })),
              {
                id: 'email',
                header: t('contactFields.email'),
                cell: (c) =>
                  c.email && (
                    <a href={`mailto:${c.email}`} className="text-blue-700 hover:underline">
                      {c.email}
                    </a>
                  ),
              },
            ]}
          />

          <RecordRowsTable
            list="contracts"
            rows={contracts}
            columns={[
              {
                id: 'contractNo',
                header: t('contractFields.contractNo'),
                className: 'font-medium',
                cell: (c) => c.contractNo,
                footer: t('detail.contractTotal', { count: contracts.length }),
              },
              { id: 'title', header: t('contractFields.title'), cell: (c) => c.title },
              {
                id: 'amount',
                header: t('contractFields.amount'),
                className: 'text-right tabular-nums',
                cell: (c) => formatMoney(c.amount, locale),
                footer: (
                  <span data-testid="customer-contract-total">{formatMoney(customer.contractTotal, locale)}</span>
                ),
              },
              { id: 'signedAt', header: t('contractFields.signedAt'), cell: (c) => c.signedAt },
              {
                id: 'term',
                header: t('contractFields.term'),
                cell: (c) => (c.startsAt || c.endsAt ? `${c.startsAt ?? '…'} – ${c.endsAt ?? '…'}` : ''),
              },
            ]}
          />

          {permissions.canReadInteractions && <CustomerInteractionsBlock customerId={record.id} />}
        </div>

        <aside className="min-w-0 space-y-5">
          <CustomerKeyAccountBlock customerId={record.id} canReadCallbacks={permissions.canReadCallbacks} />
          {permissions.canReadCallbacks && <CustomerCallbacks customerId={record.id} />}
          {permissions.canReadSurveys && <CustomerSurveysBlock customerId={record.id} />}
          <Section title={t('sections.record')}>
            <Fields
              items={[
                field('createdAt', dateTime(customer.createdAt)),
                field('updatedAt', dateTime(customer.updatedAt)),
                field('version'),
              ]}
            />
          </Section>
          <CustomerGradingPanel customerId={record.id} />
          <KeyAccountObligationsPanel customerId={record.id} />
          <CustomerHistoryBlock customerId={record.id} />
        </aside>
      </div>

      {permissions.canWrite && (
        <ArchiveDialog
          open={archiveOpen}
          customer={record}
          onClose={() => setArchiveOpen(false)}
          onArchived={() => {
            setArchiveOpen(false);
            reload();
          }}
        />
      )}
    </div>
  );
}

function ArchiveDialog({
  open,
  customer,
  onClose,
  onArchived,
}: {
  open: boolean;
  customer: CustomerRecord;
  onClose: () => void;
  onArchived: () => void;
}) {
  const t = useTranslations('customers');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const archiveCustomer = useGqlMutation(CustomerArchiveMutation, { invalidates: ['Customer'] });
  const pending = archiveCustomer.isPending;
  const reasonId = useId();

  const close = () => {
    if (pending) return;
    setError(null);
    setReason('');
    onClose();
  };

  const confirm = async () => {
    setError(null);
    try {
      await archiveCustomer.mutateAsync({ id: customer.id, version: customer.version, reason: reason.trim() || null });
      setReason('');
      onArchived();
    } catch (e) {
      setError({ message: errorMessage(e, t), conflict: isGqlError(e, 'CONFLICT') });
    }
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={t('archive.title')}
      testId="archive-dialog"
      pending={pending}
      formError={error?.message ?? null}
      submitLabel={t('archive.confirm')}
      pendingLabel={t('archive.archiving')}
      submitTestId="archive-confirm"
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
    >
      <div className="space-y-3 text-sm">
        <p>{t('archive.body', { name: customer.name })}</p>
        <div>
          <label htmlFor={reasonId} className={labelClass}>
            {t('archive.reason')}
          </label>
          <textarea
            id={reasonId}
            autoFocus
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className={inputClass}
            data-testid="archive-reason"
            maxLength={ARCHIVE_REASON_MAX_LENGTH}
          />
        </div>
        {error?.conflict && (
          // Someone changed the record meanwhile: close and show the stored version (the page reloads it).
          <Button onClick={onArchived} data-testid="archive-reload">
            {t('form.conflictReload')}
          </Button>
        )}
      </div>
    </FormDialog>
  );
}
