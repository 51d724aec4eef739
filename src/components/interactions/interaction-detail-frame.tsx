'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { detailIfSet } from '@/components/ui/detail-item';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { getFragmentData, type FragmentType } from '@/gql';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { AttachmentList } from './attachment-list';
import {
  contractLabel,
  intakeDetail,
  IntakeContractOptionFragment,
  type IntakeDetailFieldsFragment,
} from './interaction-screen-operations';

type DetailRef = FragmentType<typeof IntakeDetailFieldsFragment>;
/** A detail query's interaction: the IntakeDetailFields fragment's fields with the query's own. */
type Detail<Ref extends DetailRef> = NonNullable<ReturnType<typeof intakeDetail<Ref>>>;

/**
 * The frame of an interaction's page (console and portal): it runs the page's detail query (`document`, whose
 * interaction spreads IntakeDetailFields) for `id`, and shows the way back to the list, then the record's number,
 * title and status above its own content — or a spinner while it loads, or why it cannot be shown (a record the
 * viewer may not see answers null: "not found").
 */
export function InteractionDetailFrame<Ref extends DetailRef>({
  backHref,
  document,
  id,
  actions,
  children,
}: {
  backHref: string;
  document: TypedDocumentNode<{ interaction?: Ref | null }, { id: string }>;
  id: string;
  /** What the viewer may do with the record, beside its heading (转为投诉). */
  actions?: (record: Detail<Ref>) => React.ReactNode;
  children: (record: Detail<Ref>) => React.ReactNode;
}) {
  const t = useTranslations('intake');
  const query = useGqlQuery(document, { id });
  const record = intakeDetail(query.data?.interaction);
  return (
    <div className="space-y-6">
      <Link href={backHref} className="text-sm text-blue-700 hover:underline">
        ← {t('detail.back')}
      </Link>
      {query.error ? (
        <ErrorBanner
          message={gqlErrorMessage(query.error, (kind) => t(`errors.${kind}`))}
          onRetry={() => void query.refetch()}
          testId="interaction-error"
        />
      ) : query.isPending ? (
        <Spinner label={t('detail.loading')} />
      ) : record ? (
        <>
          <header className="flex flex-wrap items-start justify-between gap-4">
            <div>
              <p className="font-mono text-2xl font-bold" data-testid="interaction-number">
                {record.number}
              </p>
              <h1 className="mt-1 text-lg font-semibold">
                {t(`type.${record.type}`)} · {record.subject}
              </h1>
              <p className="mt-2 text-sm">
                {t('detail.status')}：
                <span
                  className="rounded bg-blue-50 px-2 py-0.5 font-medium text-blue-800"
                  data-testid="interaction-status"
                >
                  {t(`status.${record.status}`)}
                </span>
              </p>
            </div>
            {actions?.(record)}
          </header>
          {children(record)}
        </>
      ) : (
        <ErrorBanner message={t('detail.notFound')} testId="interaction-error" />
      )}
    </div>
  );
}

/** What the record refers to (contract, product, order), as detail items of a `<dl>`; unset ones are left out. */
export function InteractionRefs({
  interaction,
}: {
  interaction: {
    relatedContract?: FragmentType<typeof IntakeContractOptionFragment> | null;
    productRef?: string | null;
    orderRef?: string | null;
  };
}) {
  const t = useTranslations('intake');
  const contract = getFragmentData(IntakeContractOptionFragment, interaction.relatedContract);
  return (
    <>
      {detailIfSet(t('detail.relatedContract'), contract ? contractLabel(contract) : null)}
      {detailIfSet(t('detail.productRef'), interaction.productRef)}
      {detailIfSet(t('detail.orderRef'), interaction.orderRef)}
    </>
  );
}

/** The body of an interaction's page: the record and its files on the left, a titled side column (history, timeline). */
export function InteractionDetailColumns({
  attachments,
  sideTitle,
  side,
  children,
}: {
  attachments: React.ComponentProps<typeof AttachmentList>['attachments'];
  sideTitle: string;
  side: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="grid gap-6 md:grid-cols-[2fr_1fr]">
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        {children}
        <AttachmentList attachments={attachments} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-3 text-sm font-semibold">{sideTitle}</h2>
        {side}
      </section>
    </div>
  );
}
