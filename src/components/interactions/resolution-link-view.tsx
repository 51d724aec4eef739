'use client';
import { useTranslations } from 'next-intl';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { useState } from 'react';
import type { IntakeRespondByLinkMutation as Answered } from '@/gql/graphql';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { IntakeRespondByLinkMutation, IntakeResolutionByLinkQuery } from './intake-operations';
import { TrackedRecord } from './tracked-record';

/** The record behind a confirmation link, and the visitor's answer to its resolution; a link that opens nothing says so. */
export function ResolutionLinkView({ token, timeZone }: { token: string; timeZone: string }) {
  const t = useTranslations('intake');
  const query = useGqlQuery(IntakeResolutionByLinkQuery, { token });
  const respond = useGqlMutation(IntakeRespondByLinkMutation, { invalidates: 'none' });
  // The record as the answer left it: a dispute reopens the complaint, and the link (bound to that resolution) then
  // opens nothing, so the page keeps what the answer returned rather than asking again.
  const [answered, setAnswered] = useState<Answered['respondToResolutionByLink'] | null>(null);
  if (answered) return <TrackedRecord record={answered} timeZone={timeZone} send={() => Promise.resolve()} />;
  if (query.error)
    return (
      <ErrorBanner
        message={gqlErrorMessage(query.error, (kind) =>
          kind === 'notFound' ? t('confirmLink.notFound') : t(`errors.${kind}`),
        )}
        testId="confirm-link-error"
      />
    );
  if (!query.data) return <Spinner label={t('confirmLink.loading')} />;
  return (
    <TrackedRecord
      record={query.data.resolutionByLink}
      timeZone={timeZone}
      send={async (answer) => {
        setAnswered((await respond.mutateAsync({ token, ...answer })).respondToResolutionByLink);
      }}
    />
  );
}
