'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { getFragmentData } from '@/gql';
import { QueryContent } from '@/components/ui/panel';
import { Section } from '@/components/ui/section';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { KeyAccountObligationFieldsFragment, KeyAccountObligationsOfCustomerQuery } from './obligation-operations';
import {
  ObligationActions,
  ObligationDue,
  ObligationKindLabel,
  ObligationStatusBadge,
  useObligationErrorMessage,
} from './obligation-ui';

/**
 * The customer page's panel of key-account obligations (SPEC §2 perks): open ones by default, or all, earliest due
 * first, with 完成 / 改期. Shown to holders of keyaccounts:read, for customers that are or were key accounts.
 */
export function KeyAccountObligationsPanel({ customerId }: { customerId: string }) {
  const t = useTranslations('keyAccountObligations');
  const errorMessage = useObligationErrorMessage();
  const [openOnly, setOpenOnly] = useState(true);
  const data = useGqlQuery(KeyAccountObligationsOfCustomerQuery, { id: customerId, openOnly });
  const customer = data.data?.customer;
  if (data.data && (!data.data.viewer?.permissions.includes('keyaccounts:read') || !customer)) return null;
  const connection = customer?.keyAccountObligations;
  if (customer && customer.keyAccountStatus === 'NONE' && connection?.totalCount === 0 && openOnly) return null;
  const rows = getFragmentData(KeyAccountObligationFieldsFragment, connection?.nodes ?? []);

  return (
    <Section
      title={t('panel.title')}
      testId="customer-key-account-obligations"
      link={{ href: '/console/key-accounts/obligations?owner=all', label: t('panel.queue') }}
      actions={
        <SegmentedControl
          label={t('panel.show')}
          values={['OPEN', 'ALL'] as const}
          value={openOnly ? 'OPEN' : 'ALL'}
          onChange={(v) => setOpenOnly(v === 'OPEN')}
          labelOf={(v) => (v === 'OPEN' ? t('panel.open') : t('panel.all'))}
          testIdOf={(v) => `customer-obligations-${v.toLowerCase()}`}
        />
      }
    >
      <QueryContent
        query={data}
        errorMessage={errorMessage}
        loadingLabel={t('list.loading')}
        empty={rows.length === 0 && t('panel.empty')}
      >
        <ul className="divide-y divide-slate-100 text-sm">
          {rows.map((r) => (
            <li key={r.id} className="space-y-1 py-2" data-testid="customer-obligation" data-kind={r.kind}>
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium">
                  <ObligationKindLabel kind={r.kind} />
                </span>
                <ObligationStatusBadge row={r} />
              </p>
              <div className="text-xs">
                <ObligationDue row={r} />
              </div>
              {r.note && <p className="text-xs text-slate-600">{r.note}</p>}
              <ObligationActions row={r} />
            </li>
          ))}
        </ul>
      </QueryContent>
    </Section>
  );
}
