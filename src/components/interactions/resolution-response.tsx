'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextareaField } from '@/components/ui/form-controls';
import { StatusMessage } from '@/components/ui/status';
import { WORKFLOW_COMMENT_MAX } from '@/graphql/complaints/complaint-workflow.rules';
import { fieldErrorsOf, gqlErrorMessage } from '@/lib/gql-error-message';
import { awaitsCustomerFeedback } from './resolution';

export type ResolutionRecord = {
  type: string;
  status: string;
  customerFeedback: 'ACCEPTED' | 'DISPUTED' | null;
  customerFeedbackComment: string | null;
};

/**
 * SPEC §4 "resolved (customer informed, customer's feedback on the disposition recorded)": the customer accepts the
 * disposition or disputes it with a reason — disputing reopens the complaint. `send` records the answer: the portal's
 * with the version the page was rendered with (a disposition changed meanwhile is refused with CONFLICT, not lost), a
 * visitor's with the record's number and phone or the mail's signed link.
 */
export function ResolutionResponse({
  record,
  send,
}: {
  record: ResolutionRecord;
  send: (answer: { accepted: boolean; comment: string | null }) => Promise<unknown>;
}) {
  const t = useTranslations('intake');
  const [choice, setChoice] = useState<'accept' | 'dispute' | null>(null);
  const [comment, setComment] = useState('');
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  if (record.customerFeedback) {
    return (
      <div data-testid="resolution-feedback">
        <StatusMessage tone={record.customerFeedback === 'ACCEPTED' ? 'success' : 'info'}>
          {record.customerFeedback === 'ACCEPTED' ? t('resolution.accepted') : t('resolution.disputed')}
          {record.customerFeedbackComment ? ` — ${record.customerFeedbackComment}` : ''}
        </StatusMessage>
      </div>
    );
  }
  if (!awaitsCustomerFeedback(record)) return null;

  const close = () => {
    setChoice(null);
    setFormError(null);
    setFields({});
  };
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = comment.trim();
    if (choice === 'dispute' && !text) {
      setFields({ comment: t('resolution.reasonRequired') });
      return;
    }
    setPending(true);
    setFormError(null);
    setFields({});
    try {
      await send({ accepted: choice === 'accept', comment: text || null });
      close();
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      setFields(fieldErrors);
      setFormError(
        Object.keys(fieldErrors).length
          ? null
          : gqlErrorMessage(error, (kind) => (kind === 'conflict' ? t('resolution.conflict') : t(`errors.${kind}`))),
      );
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="rounded-lg border border-green-200 bg-green-50 p-5" data-testid="resolution-response">
      <h2 className="text-sm font-semibold text-green-900">{t('resolution.title')}</h2>
      <p className="mt-1 text-sm text-green-900">{t('resolution.body')}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        {(['accept', 'dispute'] as const).map((option) => (
          <Button
            key={option}
            kind={option === 'accept' ? 'primary' : 'secondary'}
            onClick={() => setChoice(option)}
            data-testid={`resolution-${option}`}
          >
            {t(`resolution.${option}`)}
          </Button>
        ))}
      </div>
      {choice && (
        <FormDialog
          open
          onClose={close}
          title={choice === 'accept' ? t('resolution.acceptTitle') : t('resolution.disputeTitle')}
          testId="resolution-dialog"
          pending={pending}
          formError={formError}
          submitLabel={choice === 'accept' ? t('resolution.acceptSubmit') : t('resolution.disputeSubmit')}
          pendingLabel={t('resolution.pending')}
          submitTestId="resolution-submit"
          onSubmit={(e) => void submit(e)}
        >
          <p className="text-sm text-slate-700">
            {choice === 'accept' ? t('resolution.acceptHint') : t('resolution.disputeHint')}
          </p>
          <TextareaField
            id="resolution-comment"
            label={choice === 'accept' ? t('resolution.commentOptional') : t('resolution.reason')}
            error={fields.comment}
            required={choice === 'dispute'}
            maxLength={WORKFLOW_COMMENT_MAX}
            value={comment}
            onChange={setComment}
          />
        </FormDialog>
      )}
    </section>
  );
}
