'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ComplaintWorkbenchQuery, EightDInput } from '@/gql/graphql';
import { buttonClass } from '@/components/ui/classes';
import { TextareaField } from '@/components/ui/form-controls';
import { InlineError } from '@/components/ui/status';
import { formatDateTime } from '@/lib/format';
import { useFormSubmit } from '@/components/ui/use-form-submit';
import { Panel } from '@/components/ui/panel';
import { graphql } from '@/gql';
import { useComplaintStep, type Perform } from './complaint-command-dialogs';
import { useComplaintErrorMessage } from './complaint-ui';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const ComplaintSaveEightDMutation = graphql(`
  mutation ComplaintSaveEightD($interactionId: ID!, $version: Int, $input: EightDInput!) {
    saveEightD(interactionId: $interactionId, version: $version, input: $input) {
      id
      version
      complete
    }
  }
`);

type EightD = NonNullable<NonNullable<ComplaintWorkbenchQuery['interaction']>['eightD']>;
type TextKey =
  | 'd2Problem'
  | 'd3Containment'
  | 'd4RootCauseOccurrence'
  | 'd4RootCauseOutflow'
  | 'd5CorrectiveActions'
  | 'd6Verification'
  | 'd7Prevention'
  | 'd8Recognition';

// D2–D8: the record's field and the label it goes by.
const TEXT_FIELDS = (
  [
    ['d2Problem', 'd2'],
    ['d3Containment', 'd3'],
    ['d4RootCauseOccurrence', 'd4Occurrence'],
    ['d4RootCauseOutflow', 'd4Outflow'],
    ['d5CorrectiveActions', 'd5'],
    ['d6Verification', 'd6'],
    ['d7Prevention', 'd7'],
    ['d8Recognition', 'd8'],
  ] as const
).map(([key, label]): { key: TextKey; label: string } => ({ key, label }));

/**
 * The 8D record: D1 team (one per line), D2–D8 texts, FMEA and control-plan checkboxes, saved with the version read
 * (a first save creates it). "完整" is the server's answer (D1–D7 filled in), shown as of the last save.
 */
export function ComplaintEightD({
  interactionId,
  eightD,
  canEdit,
  perform,
}: {
  interactionId: string;
  eightD: EightD | null;
  canEdit: boolean;
  perform: Perform;
}) {
  const t = useTranslations('complaints.eightD');
  const timeZone = useDisplayTimeZone();
  const [team, setTeam] = useState((eightD?.d1Team ?? []).join('\n'));
  const [texts, setTexts] = useState<Record<TextKey, string>>(() => {
    const initial = {} as Record<TextKey, string>;
    for (const { key } of TEXT_FIELDS) initial[key] = eightD?.[key] ?? '';
    return initial;
  });
  const [fmeaUpdated, setFmea] = useState(eightD?.fmeaUpdated ?? false);
  const [controlPlanUpdated, setControlPlan] = useState(eightD?.controlPlanUpdated ?? false);
  const { pending, formError, fieldErrors: fields, submit } = useFormSubmit(useComplaintErrorMessage());
  const saveEightD = useComplaintStep(ComplaintSaveEightDMutation);

  const save = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input: EightDInput = {
      d1Team: team
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      fmeaUpdated,
      controlPlanUpdated,
    };
    for (const { key } of TEXT_FIELDS) input[key] = texts[key].trim() || null;
    await submit(() =>
      perform(() => saveEightD.mutateAsync({ interactionId, version: eightD?.version ?? null, input })),
    );
  };

  return (
    <Panel
      title={t('title')}
      testId="complaint-eightd"
      action={
        <span
          className={`rounded px-2 py-0.5 text-xs font-medium ${eightD?.complete ? 'bg-green-50 text-green-800' : 'bg-amber-50 text-amber-900'}`}
          data-testid="eightd-complete"
          data-complete={eightD?.complete ? 'true' : 'false'}
        >
          {eightD?.complete ? t('complete') : t('incomplete')}
        </span>
      }
    >
      <form onSubmit={(event) => void save(event)} noValidate className="space-y-3">
        <fieldset disabled={!canEdit || pending} className="space-y-3">
          <TextareaField
            id="eightd-d1"
            label={t('d1')}
            hint={t('d1Hint')}
            error={fields.d1Team}
            value={team}
            onChange={setTeam}
            testId="eightd-d1"
          />
          {TEXT_FIELDS.map(({ key, label }) => (
            <TextareaField
              key={key}
              id={`eightd-${key}`}
              label={t(label)}
              error={fields[key]}
              rows={2}
              value={texts[key]}
              onChange={(value) => setTexts((s) => ({ ...s, [key]: value }))}
              testId={`eightd-${key}`}
            />
          ))}
          <div className="flex flex-wrap gap-4 text-sm">
            {[
              { checked: fmeaUpdated, set: setFmea, label: t('fmea'), testId: 'eightd-fmea' },
              {
                checked: controlPlanUpdated,
                set: setControlPlan,
                label: t('controlPlan'),
                testId: 'eightd-control-plan',
              },
            ].map((box) => (
              <label key={box.testId} className="inline-flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={box.checked}
                  onChange={(e) => box.set(e.target.checked)}
                  data-testid={box.testId}
                />
                {box.label}
              </label>
            ))}
          </div>
        </fieldset>
        {formError && <InlineError>{formError}</InlineError>}
        <div className="flex items-center gap-3">
          {canEdit && (
            <button type="submit" className={buttonClass.primary} disabled={pending} data-testid="eightd-save">
              {pending ? t('saving') : t('save')}
            </button>
          )}
          {eightD && (
            <span className="text-xs text-slate-500">
              {t('updatedAt')}：{formatDateTime(eightD.updatedAt, timeZone)}
            </span>
          )}
        </div>
      </form>
    </Panel>
  );
}
