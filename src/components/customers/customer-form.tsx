'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { FormField } from '@/components/ui/form-field';
import { getFragmentData, graphql } from '@/gql';
import type { CustomerRecordFragment as CustomerRecord } from '@/gql/graphql';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatMoney, sumMoney } from '@/lib/format';
import { isGqlError } from '@/lib/gql-error-message';
import { GqlError } from '@/lib/graphql-client';
import { errorMessage } from './customer-errors';
import {
  clientProblems,
  emptyContact,
  emptyContract,
  emptyCustomerValues,
  toCustomerInput,
  valuesFromCustomer,
  type ContactRow,
  type ContractRow,
  type CustomerFormValues,
  type ScalarField,
} from './customer-form-values';
import { CREDIT_VALUES, SOURCE_VALUES, STATUS_VALUES } from './customer-list-params';
import { CustomerOwnerOptionsQuery, CustomersFacetsQuery, type CustomerOwnerOption } from './customer-operations';
import { Section } from '@/components/ui/section';
import { ArchivedBadge, CustomerLoaded, PageError } from './customer-ui';
import { useCustomerPermissions } from './use-customer-permissions';

/**
 * The customer record as the form edits it: every editable field, the contacts and the contracts. The customer page
 * (customer-detail.tsx) spreads it too, so what is shown and what is edited cannot drift apart.
 */
export const CustomerRecordFragment = graphql(`
  fragment CustomerRecord on Customer {
    id
    version
    archivedAt
    contractNo
    certificateNo
    name
    applicationAcceptedAt
    auditDate
    initialAuditFee
    surveillanceAuditFee
    plannedSurveillanceDate
    implementationDate
    status
    province
    address
    postcode
    contactPerson
    phone
    professionalCode
    certificationScope
    legalRepresentative
    handler
    businessCondition
    businessLines
    creditStanding
    industry
    source
    ...CustomerContactsAndContracts
  }
`);

const CustomerEditQueryDocument = graphql(`
  query CustomerEdit($id: ID!) {
    customer(id: $id) {
      ...CustomerRecord
      owner {
        id
      }
    }
  }
`);

const CustomerCreateMutation = graphql(`
  mutation CustomerCreate($input: CustomerInput!) {
    createCustomer(input: $input) {
      id
      version
    }
  }
`);

const CustomerUpdateMutation = graphql(`
  mutation CustomerUpdate($id: ID!, $version: Int!, $input: CustomerInput!) {
    updateCustomer(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

type Owner = CustomerOwnerOption;
type Errors = Record<string, string>;
type ContractField = Exclude<keyof ContractRow, 'key' | 'id'>;

/** The DOM id of the input for an error key such as "postcode" or "contracts.0.contractNo". */
const fieldId = (key: string) => `customer-field-${key.replace(/\./g, '-')}`;

/** The shared form field, with the id and error test id the customer form derives from an error key. */
function FieldShell({
  name,
  wide,
  ...field
}: { name: string; wide?: boolean } & Omit<
  React.ComponentProps<typeof FormField>,
  'id' | 'errorTestId' | 'className'
>) {
  return (
    <FormField
      id={fieldId(name)}
      errorTestId={`error-${name}`}
      className={wide ? 'sm:col-span-2 lg:col-span-3' : undefined}
      {...field}
    />
  );
}

/** One `<input>` in a FieldShell, its value as a string: the record's text, date and money fields and its rows'. */
function InputField({
  fieldKey,
  label,
  error,
  required,
  hint,
  wide,
  value,
  onChange,
  inputClassName = '',
  ...input
}: {
  /** The error key the field's id and error test id derive from ("postcode", "contracts.0.amount"). */
  fieldKey: string;
  label: string;
  error?: string;
  required?: boolean;
  hint?: string;
  wide?: boolean;
  value: string;
  onChange: (value: string) => void;
  inputClassName?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className' | 'required'>) {
  return (
    <FieldShell name={fieldKey} label={label} error={error} required={required} hint={hint} wide={wide}>
      {(a11y) => (
        <input
          {...a11y}
          {...input}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={`${inputClass} ${inputClassName}`.trim()}
        />
      )}
    </FieldShell>
  );
}

/** A section of the record's own fields in the form's grid, with an optional note under it. */
function FieldsSection({ name, note, children }: { name: string; note?: string; children: React.ReactNode }) {
  const t = useTranslations('customers');
  return (
    <Section title={t(`sections.${name}`)} testId={`section-${name}`}>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
      {note && <p className="mt-3 text-xs text-slate-500">{note}</p>}
    </Section>
  );
}

/**
 * A section of repeated rows (contacts, contracts): the add button, the list-level error, the empty text and the
 * numbered rows, each with its remove button.
 */
function RowListSection<Row extends { key: string }>({
  list,
  rows,
  title,
  addLabel,
  emptyText,
  error,
  onAdd,
  rowLabel,
  renderRow,
  footer,
}: {
  list: 'contacts' | 'contracts';
  rows: Row[];
  title: string;
  addLabel: string;
  emptyText: string;
  error?: string;
  onAdd: () => void;
  rowLabel: (index: number) => string;
  renderRow: (row: Row, index: number) => React.ReactNode;
  footer?: React.ReactNode;
}) {
  const item = list === 'contacts' ? 'contact' : 'contract';
  return (
    <Section
      title={title}
      testId={`section-${list}`}
      actions={
        <Button data-testid={`${item}-add`} onClick={onAdd}>
          {addLabel}
        </Button>
      }
    >
      {error && (
        <p id={fieldId(list)} tabIndex={-1} className="mb-2 text-xs text-red-700" role="alert">
          {error}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{emptyText}</p>
      ) : (
        <>
          <ol className="space-y-3">
            {rows.map((row, i) => (
              <li
                key={row.key}
                className="rounded-md border border-slate-200 p-3"
                data-testid={`${item}-row`}
                aria-label={rowLabel(i)}
              >
                {renderRow(row, i)}
              </li>
            ))}
          </ol>
          {footer}
        </>
      )}
    </Section>
  );
}

function RemoveRowButton({ label, onRemove }: { label: string; onRemove: () => void }) {
  const t = useTranslations('customers');
  return (
    <button type="button" className="text-sm text-red-700 hover:underline" onClick={onRemove} aria-label={label}>
      {t('form.remove')}
    </button>
  );
}

export function CustomerForm({ customerId }: { customerId?: string }) {
  const t = useTranslations('customers');
  const permissions = useCustomerPermissions();
  const editing = !!customerId;
  const existing = useGqlQuery(CustomerEditQueryDocument, { id: customerId ?? '' }, { enabled: editing });
  const reload = () => void existing.refetch();

  if (permissions.loaded && !permissions.canWrite) {
    return <PageError message={t('errors.forbidden')} />;
  }
  if (editing) {
    return (
      <CustomerLoaded query={existing}>
        {(found) => {
          const customer = getFragmentData(CustomerRecordFragment, found);
          // Keyed by version: a reload after a conflict starts the form again from the stored record.
          return <CustomerFormBody key={customer.version} customer={customer} owner={found.owner} onReload={reload} />;
        }}
      </CustomerLoaded>
    );
  }
  return <CustomerFormBody customer={null} owner={null} onReload={() => undefined} />;
}

function CustomerFormBody({
  customer,
  owner,
  onReload,
}: {
  customer: CustomerRecord | null;
  owner: { id: string } | null;
  onReload: () => void;
}) {
  const t = useTranslations('customers');
  const locale = useLocale();
  const router = useRouter();
  const formId = useId();
  const [initialValues] = useState<CustomerFormValues>(() =>
    customer ? valuesFromCustomer(customer, owner) : emptyCustomerValues(),
  );
  const [values, setValues] = useState<CustomerFormValues>(initialValues);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // Focus to move once React has committed the next render (a new row, an error summary, the conflict banner).
  const focusAfterRender = useRef<(() => void) | null>(null);

  const owners = useGqlQuery(CustomerOwnerOptionsQuery);
  const facets = useGqlQuery(CustomersFacetsQuery);
  // Every customer screen and lookup (the list, its totals and facets, this record's page) may show what was saved.
  const createCustomer = useGqlMutation(CustomerCreateMutation, { invalidates: ['Customer'] });
  const updateCustomer = useGqlMutation(CustomerUpdateMutation, { invalidates: ['Customer'] });

  // Leaving with unsaved changes asks first (reload, closing the tab, typing another address).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useEffect(() => {
    if (focusAfterRender.current) {
      focusAfterRender.current();
      focusAfterRender.current = null;
    }
  });

  const clearError = (key: string) =>
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _removed, ...rest } = e;
      return rest;
    });

  const set = (key: ScalarField, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setDirty(true);
    clearError(key);
  };

  const setContact = (index: number, patch: Partial<ContactRow>) => {
    setValues((v) => ({
      ...v,
      contacts: v.contacts.map((c, i) =>
        i === index ? { ...c, ...patch } : patch.isPrimary ? { ...c, isPrimary: false } : c,
      ),
    }));
    setDirty(true);
    for (const key of Object.keys(patch)) clearError(`contacts.${index}.${key}`);
    clearError('contacts');
  };
  const setContract = (index: number, patch: Partial<ContractRow>) => {
    setValues((v) => ({ ...v, contracts: v.contracts.map((c, i) => (i === index ? { ...c, ...patch } : c)) }));
    setDirty(true);
    for (const key of Object.keys(patch)) clearError(`contracts.${index}.${key}`);
    clearError('contracts');
  };
  // Removing a row shifts the indices the server's messages refer to, so the list's messages go with it.
  const dropListErrors = (list: 'contacts' | 'contracts') =>
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== list && !k.startsWith(`${list}.`))));

  /** A new row is added: its first input takes the focus once it is rendered. */
  const addRow = (firstFieldKey: string) => {
    const id = fieldId(firstFieldKey);
    focusAfterRender.current = () => document.getElementById(id)?.focus();
    setDirty(true);
  };
  const removeRow = (list: 'contacts' | 'contracts', index: number) => {
    setValues((v) => ({ ...v, [list]: v[list].filter((_, j) => j !== index) }));
    dropListErrors(list);
    setDirty(true);
  };

  const focusFirstError = (keys: string[]) => {
    // Document order, so the first message the person meets is the first they fix.
    const elements = keys.map((k) => document.getElementById(fieldId(k))).filter((el): el is HTMLElement => !!el);
    elements.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    (elements[0] ?? document.getElementById(`${formId}-summary`))?.focus();
  };

  const submit = async () => {
    if (saving) return;
    setFormError(null);
    setConflict(false);
    const problems = clientProblems(values);
    if (Object.keys(problems).length) {
      const messages = Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, t(`form.problem.${p}`)]));
      setErrors(messages);
      setFormError(t('form.fixErrors'));
      focusAfterRender.current = () => focusFirstError(Object.keys(messages));
      return;
    }
    setSaving(true);
    try {
      const input = toCustomerInput(values, customer ? initialValues : undefined);
      const id = customer
        ? (await updateCustomer.mutateAsync({ id: customer.id, version: customer.version, input })).updateCustomer.id
        : (await createCustomer.mutateAsync({ input })).createCustomer.id;
      setDirty(false);
      router.push(`/console/customers/${id}?saved=${customer ? 'updated' : 'created'}`);
      router.refresh();
    } catch (error) {
      setSaving(false);
      if (isGqlError(error, 'CONFLICT')) {
        setConflict(true);
        focusAfterRender.current = () => document.getElementById(`${formId}-conflict`)?.focus();
        return;
      }
      if (error instanceof GqlError && Object.keys(error.fields).length) {
        setErrors(error.fields);
        setFormError(t('form.fixErrors'));
        focusAfterRender.current = () => focusFirstError(Object.keys(error.fields));
        return;
      }
      setFormError(errorMessage(error, t));
      focusAfterRender.current = () => document.getElementById(`${formId}-summary`)?.focus();
    }
  };

  const ownerOptions: Owner[] = (owners.data?.users ?? []).filter((u) => u.active || u.id === values.ownerId);
  const contractTotal = sumMoney(values.contracts.map((c) => c.amount.replace(/[\s,，¥￥]/g, '')));
  /** "contracts.1.amount" → "合同 2 · 金额"; "postcode" → "邮编". */
  const errorLabel = (key: string): string => {
    const [head, index, field] = key.split('.');
    if ((head === 'contacts' || head === 'contracts') && index !== undefined && field) {
      const row =
        head === 'contacts'
          ? t('form.contactN', { n: Number(index) + 1 })
          : t('form.contractN', { n: Number(index) + 1 });
      const fieldKey = `${head === 'contacts' ? 'contactFields' : 'contractFields'}.${field}`;
      return `${row} · ${t.has(fieldKey) ? t(fieldKey) : field}`;
    }
    const fieldKey = `fields.${head === 'ownerId' ? 'owner' : head}`;
    return t.has(fieldKey) ? t(fieldKey) : key;
  };

  const text = (
    key: ScalarField,
    props: {
      required?: boolean;
      hint?: string;
      list?: string;
      inputMode?: 'decimal' | 'tel' | 'numeric';
      autoComplete?: string;
    } = {},
  ) => (
    <InputField
      fieldKey={key}
      name={key}
      label={t(`fields.${key}`)}
      error={errors[key]}
      type="text"
      value={values[key]}
      onChange={(value) => set(key, value)}
      {...props}
      autoComplete={props.autoComplete ?? 'off'}
    />
  );
  const textarea = (key: ScalarField) => (
    <FieldShell name={key} label={t(`fields.${key}`)} error={errors[key]} wide>
      {(a11y) => (
        <textarea
          {...a11y}
          name={key}
          rows={3}
          value={values[key]}
          onChange={(e) => set(key, e.target.value)}
          className={inputClass}
        />
      )}
    </FieldShell>
  );
  const date = (key: ScalarField) => (
    <InputField
      fieldKey={key}
      name={key}
      label={t(`fields.${key}`)}
      error={errors[key]}
      type="date"
      value={values[key]}
      onChange={(value) => set(key, value)}
    />
  );
  const money = (key: ScalarField) => (
    <FieldShell
      name={key}
      label={t(`fields.${key}`)}
      error={errors[key]}
      hint={values[key] ? formatMoney(values[key].replace(/[\s,，¥￥]/g, ''), locale) : t('form.moneyHint')}
    >
      {(a11y) => (
        <div className="relative">
          <span
            className="pointer-events-none absolute inset-y-0 left-2.5 flex items-center text-sm text-slate-400"
            aria-hidden
          >
            ¥
          </span>
          <input
            {...a11y}
            name={key}
            type="text"
            inputMode="decimal"
            value={values[key]}
            onChange={(e) => set(key, e.target.value)}
            placeholder="0.00"
            className={`${inputClass} pl-6 text-right tabular-nums`}
          />
        </div>
      )}
    </FieldShell>
  );
  const select = (
    key: ScalarField,
    options: readonly { value: string; label: string }[],
    { blank, hint, label = t(`fields.${key}`) }: { blank?: string; hint?: string; label?: string } = {},
  ) => (
    <FieldShell name={key} label={label} error={errors[key]} hint={hint}>
      {(a11y) => (
        <select
          {...a11y}
          name={key}
          value={values[key]}
          onChange={(e) => set(key, e.target.value)}
          className={inputClass}
        >
          {blank !== undefined && <option value="">{blank}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );

  const enumOptions = (key: 'status' | 'creditStanding' | 'source' | 'grade', values: readonly string[]) =>
    values.map((v) => ({ value: v, label: t(`${key}.${v}`) }));

  /** A text field with the values already in use as suggestions. */
  const suggested = (key: 'province' | 'industry', values: readonly string[] = []) => (
    <>
      {text(key, { list: `${formId}-${key}-suggestions` })}
      <datalist id={`${formId}-${key}-suggestions`}>
        {values.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
    </>
  );

  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby={`${formId}-title`}
      data-testid="customer-form"
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        // Ctrl/⌘+Enter saves from anywhere, including the multi-line fields.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <nav aria-label={t('breadcrumb')} className="mb-1 text-sm text-slate-500">
            <Link href="/console/customers" className="hover:underline">
              {t('title')}
            </Link>
            {customer && (
              <>
                {' / '}
                <Link href={`/console/customers/${customer.id}`} className="hover:underline">
                  {customer.name}
                </Link>
              </>
            )}
          </nav>
          <h1 id={`${formId}-title`} className="flex items-center gap-2 text-2xl font-semibold">
            {customer ? t('form.editTitle', { name: customer.name }) : t('form.newTitle')}
            {customer?.archivedAt && <ArchivedBadge />}
          </h1>
          <p className="mt-1 text-sm text-slate-500">{t('form.keyboardHint')}</p>
        </div>
        <FormActions
          saving={saving}
          cancelHref={customer ? `/console/customers/${customer.id}` : '/console/customers'}
          testId="customer-save-top"
        />
      </header>

      {conflict && (
        <div
          id={`${formId}-conflict`}
          tabIndex={-1}
          role="alert"
          data-testid="customer-conflict"
          className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          <div>
            <p className="font-semibold">{t('form.conflictTitle')}</p>
            <p>{t('form.conflictBody')}</p>
          </div>
          <div className="flex gap-2">
            <a
              href={customer ? `/console/customers/${customer.id}` : '#'}
              target="_blank"
              rel="noreferrer"
              className={buttonClass.secondary}
            >
              {t('form.conflictView')}
            </a>
            <Button kind="primary" onClick={onReload} data-testid="customer-conflict-reload">
              {t('form.conflictReload')}
            </Button>
          </div>
        </div>
      )}

      {formError && (
        <div
          id={`${formId}-summary`}
          tabIndex={-1}
          role="alert"
          data-testid="customer-form-error"
          className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          <p className="font-medium">{formError}</p>
          {Object.keys(errors).length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {Object.entries(errors).map(([key, message]) => (
                <li key={key}>
                  <a
                    href={`#${fieldId(key)}`}
                    className="underline-offset-2 hover:underline"
                    onClick={(e) => {
                      const el = document.getElementById(fieldId(key));
                      if (el) {
                        e.preventDefault();
                        el.focus();
                      }
                    }}
                  >
                    {t('form.errorItem', { field: errorLabel(key), message })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <FieldsSection name="basic">
        <div className="sm:col-span-2">{text('name', { required: true, autoComplete: 'organization' })}</div>
        {select('status', enumOptions('status', STATUS_VALUES))}
        {text('contractNo')}
        {text('certificateNo')}
        {select(
          'ownerId',
          ownerOptions.map((owner) => ({
            value: owner.id,
            label: `${owner.name}${owner.department ? ` · ${owner.department.name}` : ''}${!owner.active ? ` (${t('form.inactive')})` : ''}`,
          })),
          {
            label: t('fields.owner'),
            blank: t('form.noOwner'),
            hint: owners.error ? errorMessage(owners.error, t) : undefined,
          },
        )}
      </FieldsSection>

      <FieldsSection name="certification">
        {date('applicationAcceptedAt')}
        {date('auditDate')}
        {date('implementationDate')}
        {date('plannedSurveillanceDate')}
        {text('professionalCode')}
        {textarea('certificationScope')}
      </FieldsSection>

      <FieldsSection name="fees">
        {money('initialAuditFee')}
        {money('surveillanceAuditFee')}
      </FieldsSection>

      <FieldsSection name="contact">
        {text('contactPerson')}
        {text('phone', { inputMode: 'tel', autoComplete: 'tel' })}
        {text('postcode', { inputMode: 'numeric', autoComplete: 'postal-code', hint: t('form.postcodeHint') })}
        {suggested('province', facets.data?.customerFacets.provinces)}
        <div className="sm:col-span-2">{text('address', { autoComplete: 'street-address' })}</div>
      </FieldsSection>

      <FieldsSection name="business">
        {text('legalRepresentative')}
        {text('handler')}
        {suggested('industry', facets.data?.customerFacets.industries)}
        {textarea('businessCondition')}
        {textarea('businessLines')}
      </FieldsSection>

      <FieldsSection name="classification" note={t('form.keyAccountNote')}>
        {select('creditStanding', enumOptions('creditStanding', CREDIT_VALUES))}
        {select('source', enumOptions('source', SOURCE_VALUES), { blank: t('form.notSet') })}
      </FieldsSection>

      <RowListSection
        list="contacts"
        rows={values.contacts}
        title={t('sections.contacts')}
        addLabel={t('form.addContact')}
        emptyText={t('form.noContacts')}
        error={errors.contacts}
        onAdd={() => {
          addRow(`contacts.${values.contacts.length}.name`);
          setValues((v) => ({
            ...v,
            contacts: [...v.contacts, { ...emptyContact(), isPrimary: v.contacts.length === 0 }],
          }));
        }}
        rowLabel={(i) => t('form.contactN', { n: i + 1 })}
        renderRow={(contact, i) => (
          <>
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
              {(['name', 'title', 'phone', 'mobile', 'email'] as const).map((field) => (
                <div key={field} className={field === 'email' ? 'lg:col-span-2' : undefined}>
                  <InputField
                    fieldKey={`contacts.${i}.${field}`}
                    label={t(`contactFields.${field}`)}
                    error={errors[`contacts.${i}.${field}`]}
                    required={field === 'name'}
                    type={field === 'email' ? 'email' : 'text'}
                    inputMode={field === 'phone' || field === 'mobile' ? 'tel' : undefined}
                    value={contact[field]}
                    onChange={(value) => setContact(i, { [field]: value })}
                    autoComplete="off"
                  />
                </div>
              ))}
            </div>
            <div className="mt-2 flex items-center justify-between">
              <label className="inline-flex items-center gap-1.5 text-sm">
                <input
                  type="radio"
                  name={`${formId}-primary-contact`}
                  checked={contact.isPrimary}
                  onChange={() => setContact(i, { isPrimary: true })}
                  className="size-4 border-slate-300 text-blue-700"
                />
                {t('contactFields.isPrimary')}
              </label>
              <RemoveRowButton
                label={t('form.removeContact', { name: contact.name || t('form.contactN', { n: i + 1 }) })}
                onRemove={() => removeRow('contacts', i)}
              />
            </div>
          </>
        )}
      />

      <RowListSection
        list="contracts"
        rows={values.contracts}
        title={t('sections.contracts')}
        addLabel={t('form.addContract')}
        emptyText={t('form.noContracts')}
        error={errors.contracts}
        onAdd={() => {
          addRow(`contracts.${values.contracts.length}.contractNo`);
          setValues((v) => ({ ...v, contracts: [...v.contracts, emptyContract()] }));
        }}
        rowLabel={(i) => t('form.contractN', { n: i + 1 })}
        renderRow={(contract, i) => {
          const input = (field: ContractField, props: Partial<React.ComponentProps<typeof InputField>> = {}) => (
            <InputField
              fieldKey={`contracts.${i}.${field}`}
              label={t(`contractFields.${field}`)}
              error={errors[`contracts.${i}.${field}`]}
              value={contract[field]}
              onChange={(value) => setContract(i, { [field]: value })}
              {...props}
            />
          );
          const textInput = { type: 'text', autoComplete: 'off' } as const;
          return (
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
              {input('contractNo', { ...textInput, required: true })}
              <div className="lg:col-span-2">{input('title', textInput)}</div>
              {input('amount', {
                ...textInput,
                required: true,
                inputMode: 'decimal',
                placeholder: '0.00',
                inputClassName: 'text-right tabular-nums',
              })}
              {input('signedAt', { type: 'date' })}
              <div className="grid grid-cols-2 gap-2 sm:col-span-2 lg:col-span-6 lg:grid-cols-[1fr_1fr_2fr]">
                {input('startsAt', { type: 'date' })}
                {input('endsAt', { type: 'date' })}
                <div className="col-span-2 flex items-end justify-end lg:col-span-1">
                  <RemoveRowButton
                    label={t('form.removeContract', { no: contract.contractNo || t('form.contractN', { n: i + 1 }) })}
                    onRemove={() => removeRow('contracts', i)}
                  />
                </div>
              </div>
            </div>
          );
        }}
        footer={
          <p className="mt-3 text-right text-sm" data-testid="form-contract-total">
            {t('form.contractTotal')} <strong className="tabular-nums">{formatMoney(contractTotal, locale)}</strong>
          </p>
        }
      />

      <div className="flex justify-end border-t border-slate-200 pt-4">
        <FormActions
          saving={saving}
          cancelHref={customer ? `/console/customers/${customer.id}` : '/console/customers'}
          testId="customer-save"
        />
      </div>
    </form>
  );
}

function FormActions({ saving, cancelHref, testId }: { saving: boolean; cancelHref: string; testId: string }) {
  const t = useTranslations('customers');
  return (
    <div className="flex gap-2">
      <Link href={cancelHref} className={buttonClass.secondary}>
        {t('actions.cancel')}
      </Link>
      <button type="submit" className={buttonClass.primary} disabled={saving} data-testid={testId}>
        {saving ? t('form.saving') : t('form.save')}
      </button>
    </div>
  );
}
