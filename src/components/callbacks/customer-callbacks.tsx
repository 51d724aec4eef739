'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { getFragmentData, graphql } from '@/gql';
import { Button } from '@/components/ui/button';
import { PagedContent } from '@/components/ui/panel';
import { Section } from '@/components/ui/section';
import { useGqlInfiniteQuery } from '@/lib/data/gql-hooks';
import type { CallbacksOfCustomerQuery as CallbacksOfCustomerQueryResult } from '@/gql/graphql';
import { ComplaintLink } from '@/components/complaints/complaint-ui';
import { CreateCallbackDialog } from './callback-dialogs';
import { CallbackFieldsFragment } from './callback-operations';
import { CallbackDue, CallbackStatusBadge, useCallbackErrorMessage } from './callback-ui';

export const CallbacksOfCustomerQuery = graphql(`
  query CallbacksOfCustomer($id: ID!, $first: Int, $after: String) {
    viewer {
      permissions
    }
    customer(id: $id) {
      id
      name
      contractNo
      callbacksConnection(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...CallbackFields
        }
      }
    }
  }
`);

const PAGE_SIZE = 5;
const connectionOf = (result: CallbacksOfCustomerQueryResult) => result.customer?.callbacksConnection;

/**
 * The customer's callbacks on the customer page (SPEC §1: a customer's page shows everything), newest first, a page
 * at a time, with 新建回访 for this customer. Mounted only for staff with callbacks:read (customer-detail.tsx).
 */
export function CustomerCallbacks({ customerId }: { customerId: string }) {
  const t = useTranslations('callbacks');
  const errorMessage = useCallbackErrorMessage();
  const list = useGqlInfiniteQuery(CallbacksOfCustomerQuery, { id: customerId, first: PAGE_SIZE }, connectionOf);
  const [creating, setCreating] = useState(false);

  const customer = list.firstPage?.customer;
  const canWrite = !!list.firstPage?.viewer?.permissions.includes('callbacks:write');
  const callbacks = getFragmentData(CallbackFieldsFragment, list.rows);

  return (
    <>
      <Section
        title={t('customer.title')}
        testId="customer-callbacks"
        link={{ href: '/console/callbacks', label: t('customer.all') }}
        actions={
          canWrite &&
          customer && (
            <Button kind="ghost" onClick={() => setCreating(true)} data-testid="customer-callback-create">
              {t('actions.create')}
            </Button>
          )
        }
      >
        <PagedContent
          list={list}
          errorMessage={errorMessage}
          loadingLabel={t('list.loading')}
          empty={t('customer.empty')}
        >
          <ul className="divide-y divide-slate-100 text-sm">
            {callbacks.map((c) => (
              <li key={c.id} className="space-y-0.5 py-2" data-testid="customer-callback">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{t(`reason.${c.reason}`)}</span>
                  <CallbackStatusBadge status={c.status} />
                  {c.interaction && <ComplaintLink complaint={c.interaction} className="font-mono text-xs" />}
                </p>
                <div className="text-xs">
                  <CallbackDue callback={c} />
                </div>
                {c.outcome && <p className="text-xs text-slate-600">{t(`outcome.${c.outcome}`)}</p>}
              </li>
            ))}
          </ul>
        </PagedContent>
      </Section>
      {creating && customer && (
        <CreateCallbackDialog
          open
          initialCustomer={{ id: customer.id, name: customer.name, contractNo: customer.contractNo ?? null }}
          onClose={() => setCreating(false)}
          onDone={() => setCreating(false)}
        />
      )}
    </>
  );
}
