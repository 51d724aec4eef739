'use client';
import { useTranslations } from 'next-intl';
import { getFragmentData, graphql } from '@/gql';
import { KeyAccountsOwnerFieldsFragment } from '@/components/key-accounts/operations';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

/**
 * SPEC §2: a key account has a named one-to-one owner and periodic contacts. The portal shows an active key account
 * whom to call and when they will hear from us next; other customers see nothing here (the API gives them no owner).
 */
const PortalKeyAccountQuery = graphql(`
  query PortalKeyAccount {
    viewer {
      customer {
        id
        keyAccount {
          ...KeyAccountsOwnerFields
        }
        nextScheduledContact {
          kind
          dueAt
          obligationKind
        }
      }
    }
  }
`);

export function PortalKeyAccountOwner() {
  const t = useTranslations('portal.keyAccount');
  const timeZone = useDisplayTimeZone();
  const query = useGqlQuery(PortalKeyAccountQuery);
  const customer = query.data?.viewer?.customer;
  // Quiet while loading and on failure: the profile above already reports an unavailable portal.
  const keyAccount = getFragmentData(KeyAccountsOwnerFieldsFragment, customer?.keyAccount);
  if (!customer || keyAccount?.status !== 'ACTIVE' || !keyAccount.owner) return null;
  const { owner } = keyAccount;
  const next = customer.nextScheduledContact;
  return (
    <section
      aria-labelledby="portal-key-account-title"
      className="rounded-lg border border-blue-200 bg-blue-50/60 p-5 sm:p-6"
      data-testid="portal-key-account"
    >
      <h2 id="portal-key-account-title" className="text-sm font-semibold text-blue-900">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('intro')}</p>
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-500">{t('owner')}</dt>
        <dd className="font-medium text-slate-900" data-testid="portal-key-account-owner">
          {owner.name}
        </dd>
        <dt className="text-slate-500">{t('phone')}</dt>
        <dd data-testid="portal-key-account-phone">
          {owner.phone ? (
            <a href={`tel:${owner.phone}`} className="tabular-nums text-blue-700 hover:underline">
              {owner.phone}
            </a>
          ) : (
            <span className="text-slate-500">{t('notSet')}</span>
          )}
        </dd>
        <dt className="text-slate-500">{t('email')}</dt>
        <dd>
          <a href={`mailto:${owner.email}`} className="text-blue-700 hover:underline">
            {owner.email}
          </a>
        </dd>
        <dt className="text-slate-500">{t('nextContact')}</dt>
        <dd data-testid="portal-key-account-next">
          {next ? (
            <>
              {formatDateTime(next.dueAt, timeZone)}{' '}
              <span className="text-slate-600">
                {t(next.obligationKind === 'LEADERSHIP_VISIT' ? 'visit' : 'callback')}
              </span>
            </>
          ) : (
            <span className="text-slate-500">{t('noneScheduled')}</span>
          )}
        </dd>
      </dl>
    </section>
  );
}
