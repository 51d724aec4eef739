'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { buttonClass } from '@/components/ui/classes';
import { TextField } from '@/components/ui/form-field';
import type { IntakeLookupQuery as LookupResult } from '@/gql/graphql';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import { GqlError } from '@/lib/graphql-client';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { IntakeLookupQuery, IntakeRespondTrackedMutation } from './intake-operations';
import { TrackedRecord } from './tracked-record';

/** SPEC §3: anyone checks a record's status with its number and the phone given at submission. */
export function TrackForm({ initialNumber = '', timeZone }: { initialNumber?: string; timeZone: string }) {
  const t = useTranslations('intake');
  const [number, setNumber] = useState(initialNumber);
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<LookupResult['lookupInteraction'] | null>(null);
  // A look-up is a one-off request the visitor makes (rate-limited per IP), not data to keep fresh: it runs when asked,
  // is never retried or refetched on focus, and changes nothing cached.
  const lookup = useGqlMutation(IntakeLookupQuery, { invalidates: 'none' });
  // The visitor's answer to a resolution: proven again by number and phone, the answer is the record as it now stands.
  const respond = useGqlMutation(IntakeRespondTrackedMutation, { invalidates: 'none' });
  const ready = useHydrated();

  async function lookUp(event: React.FormEvent) {
    event.preventDefault();
    if (!number.trim() || !phone.trim()) return setError(t('track.required'));
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const data = await lookup.mutateAsync({ number: number.trim(), phone: phone.trim() });
      setResult(data.lookupInteraction);
    } catch (e) {
      // Wrong number and wrong phone answer the same NOT_FOUND; say so in one sentence.
      if (e instanceof GqlError && e.code === 'TOO_MANY_REQUESTS') setError(t('track.tooMany'));
      else setError(gqlErrorMessage(e, (kind) => (kind === 'notFound' ? t('track.notFound') : t(`errors.${kind}`))));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-6">
      <form
        onSubmit={lookUp}
        noValidate
        data-ready={ready}
        className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        data-testid="track-form"
      >
        <TextField
          id="track-number"
          name="number"
          label={t('track.number')}
          hint={t('track.numberHint')}
          required
          value={number}
          onChange={setNumber}
          autoComplete="off"
        />
        <TextField
          id="track-phone"
          name="phone"
          type="tel"
          label={t('track.phone')}
          required
          value={phone}
          onChange={setPhone}
          autoComplete="tel"
        />
        <button type="submit" className={`${buttonClass.primary} sm:mb-5`} disabled={busy} data-testid="track-submit">
          {busy ? t('track.searching') : t('track.submit')}
        </button>
      </form>
      {error && (
        <p
          role="alert"
          className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="track-error"
        >
          {error}
        </p>
      )}
      {result && (
        <TrackedRecord
          record={result}
          timeZone={timeZone}
          send={async (answer) =>
            setResult(
              (await respond.mutateAsync({ number: number.trim(), phone: phone.trim(), ...answer }))
                .respondToTrackedResolution,
            )
          }
        />
      )}
    </div>
  );
}
