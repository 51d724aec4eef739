'use client';
import { useId } from 'react';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { CheckboxGroup } from '@/components/ui/checkbox-group';
import { TextField } from '@/components/ui/form-field';
import { CUSTOMER_GRADES } from '@/graphql/notices/notice-audience.rules';
import type { SegmentDraft } from './segment-draft';

type ListKey = 'provinces' | 'industries' | 'customerIds';

/** What the fields need of the dialog's form: `useDialogForm` over a draft that holds a SegmentDraft. */
type SegmentForm = {
  values: SegmentDraft;
  field: (key: ListKey) => { id: string; error?: string; value: string; onChange: (value: string) => void };
  set(key: 'grades', value: string[], ...alsoClears: string[]): void;
  set(key: 'keyAccountsOnly', value: boolean, ...alsoClears: string[]): void;
};

const GRADE_OPTIONS = CUSTOMER_GRADES.map((g) => ({ value: g, label: g }));

/**
 * The criteria of a customer segment (a notice's audience, a callback programme's customers) shown while the form is
 * not set to everyone: provinces, industries and customer ids as lists, grades, key accounts only.
 */
export function SegmentFields({
  form,
  t,
  listHint,
  alsoClears = [],
  testIdPrefix,
}: {
  form: SegmentForm;
  /** The dialog's own words for the criteria. */
  t: (key: ListKey | 'grades' | 'keyAccountsOnly') => string;
  /** How to write a list, under each list field. */
  listHint?: string;
  /** The messages a change of grades or key accounts answers besides its own (the segment's, say). */
  alsoClears?: readonly string[];
  /** `<prefix>-provinces` on the provinces field. */
  testIdPrefix: string;
}) {
  const id = useId();
  const { values, set } = form;
  return (
    <div className="space-y-2 border-l-2 border-slate-200 pl-3">
      <TextField
        {...form.field('provinces')}
        label={t('provinces')}
        hint={listHint}
        testId={`${testIdPrefix}-provinces`}
      />
      <TextField {...form.field('industries')} label={t('industries')} hint={listHint} />
      <CheckboxGroup
        name={`${id}-grades`}
        legend={t('grades')}
        options={GRADE_OPTIONS}
        selected={values.grades}
        onChange={(grades) => set('grades', grades, ...alsoClears)}
      />
      <CheckboxField
        id={`${id}-ka`}
        label={t('keyAccountsOnly')}
        checked={values.keyAccountsOnly}
        onChange={(on) => set('keyAccountsOnly', on, ...alsoClears)}
      />
      <TextField {...form.field('customerIds')} label={t('customerIds')} hint={listHint} />
    </div>
  );
}
