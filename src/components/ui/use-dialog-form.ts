'use client';
import { useCallback, useId, useState } from 'react';
import { splitFailure, useFormErrors } from './use-form-errors';

/** The keys of a form's values that hold plain text (`string`, not a union of codes). */
type TextKey<Values> = {
  [Key in keyof Values & string]: string extends Values[Key] ? (Values[Key] extends string ? Key : never) : never;
}[keyof Values & string];

type DialogFormOptions<Values> = {
  initial: Values | (() => Values);
  /** The fields the form shows a message beside; a server message for any other key fails the whole form. */
  fields: readonly string[];
  /** The client's checks (limits from the server's `*.rules.ts`): field → message; empty when all is well. */
  validate?: (values: Values) => Record<string, string>;
  /** Words the failure that belongs to no field for `dialogProps.formError` (without it the dialog shows none). */
  errorMessage?: (error: unknown) => string;
};

/**
 * The state and submit of a FormDialog's form: its values, a message per field (from the client's checks, then from
 * the server's BAD_USER_INPUT `fields`), the failure that belongs to no field shown, and `pending`. The dialog is
 * rendered only while open (`{open && <XDialog …/>}`), so every opening starts from `initial` and nothing needs
 * resetting.
 *
 *   const form = useDialogForm({ initial: { name: '' }, fields: ['name'], validate, submit: (v) => create.mutateAsync(…), onDone });
 *   <FormDialog {...form.dialogProps} …>   (with `errorMessage` among the options, for the form-level failure)
 *   <TextField {...form.field('name')} label={t('name')} … />
 */
export function useDialogForm<Values extends Record<string, unknown>, Result>({
  initial,
  fields,
  validate,
  submit,
  onDone,
  errorMessage,
}: DialogFormOptions<Values> & {
  submit: (values: Values) => Promise<Result>;
  onDone: (result: Result) => void;
}) {
  const [values, setValues] = useState<Values>(initial);
  const { fieldErrors, setFieldErrors, edited } = useFormErrors();
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const idPrefix = useId();

  /** Changes one value and clears the messages it answers (its own, and any named in `alsoClears`). */
  const set = useCallback(
    <Key extends keyof Values & string>(key: Key, value: Values[Key], ...alsoClears: string[]) => {
      setValues((current) => ({ ...current, [key]: value }));
      edited(key, ...alsoClears);
    },
    [edited],
  );

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const problems = validate?.(values) ?? {};
    setFieldErrors(problems);
    setFailure(null);
    if (Object.keys(problems).length > 0) {
      // Take the keyboard to the first field that needs fixing (after React has marked it invalid).
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setPending(true);
    try {
      const result = await submit(values);
      setPending(false);
      onDone(result);
    } catch (error) {
      setPending(false);
      const { fields: serverFields, formLevel } = splitFailure(error, fields);
      setFieldErrors(serverFields);
      if (formLevel) setFailure(error);
    }
  }

  /**
   * What binds a labelled control (TextField, TextareaField, SelectField) to one text value of the form: its id, the
   * message beside it, the value and `onChange` — `<TextField {...form.field('name')} label={t('name')} … />`.
   */
  const field = <Key extends TextKey<Values>>(key: Key) => ({
    id: `${idPrefix}-${key}`,
    error: fieldErrors[key],
    value: values[key] as string,
    onChange: (value: string) => set(key, value as Values[Key]),
  });

  /** What the FormDialog takes from this form: `<FormDialog {...form.dialogProps} …>`. */
  const dialogProps = { pending, formError: failure && errorMessage ? errorMessage(failure) : null, onSubmit };
  return { values, set, field, fieldErrors, failure, pending, onSubmit, dialogProps };
}

/**
 * The form of a dialog that edits a stored `row` or, without one, makes a new one: the save sends the values as
 * `input` to `update` with the version the row was read at (optimistic locking) or to `create`, and closes the dialog
 * when done.
 */
export function useRowDialogForm<Values extends Record<string, unknown>, Input>({
  row,
  input,
  create,
  update,
  onClose,
  ...options
}: DialogFormOptions<Values> & {
  row: { id: string; version: number } | null;
  input: (values: Values) => Input | Promise<Input>;
  create: (variables: { input: Input }) => Promise<unknown>;
  update: (variables: { id: string; version: number; input: Input }) => Promise<unknown>;
  onClose: () => void;
}) {
  return useDialogForm({
    ...options,
    submit: async (values: Values) => {
      const data = await input(values);
      return row ? update({ id: row.id, version: row.version, input: data }) : create({ input: data });
    },
    onDone: onClose,
  });
}
