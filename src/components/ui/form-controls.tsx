'use client';
import { inputClass } from './classes';
import { bindString, FormField, splitFieldProps, type FieldFrameProps, type StringValueProps } from './form-field';

/** What every labelled control of a form takes: FormField's label, hint, error and layout, and its value. */
type ControlProps = FieldFrameProps & StringValueProps & { disabled?: boolean };

export type SelectOption = { value: string; label: string };

/** The <option>s of a <select>, one per choice. */
export function SelectOptions({ options }: { options: readonly SelectOption[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

/** A labelled <select>: FormField's wiring (label, hint or error read with the control) around the console's input. */
export function SelectField(props: ControlProps & { options: readonly SelectOption[] }) {
  const [field, { options, ...control }] = splitFieldProps(props);
  return (
    <FormField {...field}>
      {(aria) => (
        <select {...aria} {...bindString(control)} disabled={control.disabled} className={inputClass}>
          <SelectOptions options={options} />
        </select>
      )}
    </FormField>
  );
}

/** A labelled <textarea> (`lang` when its text is in another language than the page, e.g. an English version). */
export function TextareaField(props: ControlProps & { rows?: number; maxLength?: number; lang?: string }) {
  const [field, { rows = 3, maxLength, lang, ...control }] = splitFieldProps(props);
  return (
    <FormField {...field}>
      {(aria) => (
        <textarea
          {...aria}
          {...bindString(control)}
          disabled={control.disabled}
          rows={rows}
          maxLength={maxLength}
          lang={lang}
          className={inputClass}
        />
      )}
    </FormField>
  );
}
