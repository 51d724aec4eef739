import { getFragmentData } from '@/gql';
import type { CustomerInput, CustomerRecordFragment } from '@/gql/graphql';
import {
  CREDIT_VALUES,
  DATE_RANGE_KEYS,
  isMoneyString,
  MONEY_RANGE_KEYS,
  normaliseMoneyInput,
  SOURCE_VALUES,
  STATUS_VALUES,
} from './customer-list-params';
import { CustomerContactsAndContractsFragment } from './customer-operations';

/**
 * The customer form's state (every input is a string, as the browser gives it) and its translation to and from the
 * API's CustomerInput. Pure, so the mapping is unit-tested without a browser.
 */

export const TEXT_FIELDS = [
  'name',
  'contractNo',
  'certificateNo',
  'professionalCode',
  'certificationScope',
  'contactPerson',
  'phone',
  'province',
  'address',
  'postcode',
  'legalRepresentative',
  'handler',
  'industry',
  'businessCondition',
  'businessLines',
] as const satisfies readonly (keyof CustomerInput)[];
// The customer's dates and fees: the same fields the list filters by range.
export const DATE_FIELDS = DATE_RANGE_KEYS satisfies readonly (keyof CustomerInput)[];
export const MONEY_FIELDS = MONEY_RANGE_KEYS satisfies readonly (keyof CustomerInput)[];
export const ENUM_FIELDS = ['status', 'creditStanding', 'source'] as const satisfies readonly (keyof CustomerInput)[];

type TextField = (typeof TEXT_FIELDS)[number];
type DateField = (typeof DATE_FIELDS)[number];
type MoneyField = (typeof MONEY_FIELDS)[number];
type EnumField = (typeof ENUM_FIELDS)[number];
export type ScalarField = TextField | DateField | MoneyField | EnumField | 'ownerId';

// Every CustomerInput field has a place in the form; a new one fails this check until the form knows about it.
type UnhandledInputKey = Exclude<keyof CustomerInput, ScalarField | 'contacts' | 'contracts'>;
const everyInputHandled: [UnhandledInputKey] extends [never] ? true : UnhandledInputKey = true;
void everyInputHandled;

export type ContactRow = {
  key: string;
  id: string | null;
  name: string;
  title: string;
  phone: string;
  mobile: string;
  email: string;
  isPrimary: boolean;
};
export type ContractRow = {
  key: string;
  id: string | null;
  contractNo: string;
  title: string;
  amount: string;
  signedAt: string;
  startsAt: string;
  endsAt: string;
};

/** The optional text of a contact or contract row: null in the API, '' in the form (an input's empty value). */
const CONTACT_OPTIONAL = ['title', 'phone', 'mobile', 'email'] as const;
const CONTRACT_OPTIONAL = ['title', 'signedAt', 'startsAt', 'endsAt'] as const;

const blankForNull = <K extends string>(row: { [P in K]?: string | null }, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, row[k] ?? ''])) as Record<K, string>;

const nullForBlank = <K extends string>(row: Record<K, string>, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, orNull(row[k])])) as Record<K, string | null>;

export type CustomerFormValues = Record<ScalarField, string> & { contacts: ContactRow[]; contracts: ContractRow[] };

let rowSeq = 0;
/** A key for React lists; stable for a row's life, never sent to the API. */
export const newRowKey = () => `row-${++rowSeq}`;

export const emptyContact = (): ContactRow => ({
  key: newRowKey(),
  id: null,
  name: '',
  ...blankForNull({}, CONTACT_OPTIONAL),
  isPrimary: false,
});
export const emptyContract = (): ContractRow => ({
  key: newRowKey(),
  id: null,
  contractNo: '',
  amount: '',
  ...blankForNull({}, CONTRACT_OPTIONAL),
});

export function emptyCustomerValues(): CustomerFormValues {
  const values = Object.fromEntries(
    [...TEXT_FIELDS, ...DATE_FIELDS, ...MONEY_FIELDS, ...ENUM_FIELDS, 'ownerId'].map((k) => [k, '']),
  ) as Record<ScalarField, string>;
  // The database defaults (schema.prisma): a new customer is active with good credit unless said otherwise.
  return { ...values, status: 'ACTIVE', creditStanding: 'GOOD', contacts: [], contracts: [] };
}

/**
 * The form's values for a stored customer: its CustomerRecord fragment (read by the form, customer-form.tsx, which
 * owns it) with the contacts and contracts inside it, and its owner.
 */
export function valuesFromCustomer(customer: CustomerRecordFragment, owner: { id: string } | null): CustomerFormValues {
  const values = emptyCustomerValues();
  for (const key of [...TEXT_FIELDS, ...DATE_FIELDS, ...MONEY_FIELDS, ...ENUM_FIELDS])
    values[key] = customer[key] ?? '';
  values.ownerId = owner?.id ?? '';
  const { contacts, contracts } = getFragmentData(CustomerContactsAndContractsFragment, customer);
  values.contacts = contacts.map((c) => ({
    key: newRowKey(),
    id: c.id,
    name: c.name,
    ...blankForNull(c, CONTACT_OPTIONAL),
    isPrimary: c.isPrimary,
  }));
  values.contracts = contracts.map((c) => ({
    key: newRowKey(),
    id: c.id,
    contractNo: c.contractNo,
    amount: c.amount,
    ...blankForNull(c, CONTRACT_OPTIONAL),
  }));
  return values;
}

const oneOf = <T extends string>(value: string, allowed: readonly T[]): T | null =>
  allowed.find((v) => v === value) ?? null;

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

const contactInput = (c: ContactRow) => ({
  ...(c.id ? { id: c.id } : {}),
  name: c.name.trim(),
  ...nullForBlank(c, CONTACT_OPTIONAL),
  isPrimary: c.isPrimary,
});

const contractInput = (c: ContractRow) => ({
  ...(c.id ? { id: c.id } : {}),
  contractNo: c.contractNo.trim(),
  amount: normaliseMoneyInput(c.amount),
  ...nullForBlank(c, CONTRACT_OPTIONAL),
});

const sameList = <T>(a: readonly T[], b: readonly T[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The API input. Blank fields are sent as null so clearing a field in the form clears it in the database (an
 * omitted field would be left as it was). A contacts/contracts list replaces the stored one, so it is sent only
 * when it differs from `initial` (the values the form was loaded with): an untouched list is neither rewritten nor
 * recorded as a change in the history.
 */
export function toCustomerInput(values: CustomerFormValues, initial?: CustomerFormValues): CustomerInput {
  const input: CustomerInput = { name: values.name.trim() };
  for (const key of TEXT_FIELDS) if (key !== 'name') input[key] = orNull(values[key]);
  for (const key of DATE_FIELDS) input[key] = orNull(values[key]);
  for (const key of MONEY_FIELDS) input[key] = orNull(normaliseMoneyInput(values[key]));
  input.status = oneOf(values.status, STATUS_VALUES);
  input.creditStanding = oneOf(values.creditStanding, CREDIT_VALUES);
  input.source = oneOf(values.source, SOURCE_VALUES);
  input.ownerId = orNull(values.ownerId);
  const contacts = values.contacts.map(contactInput);
  const contracts = values.contracts.map(contractInput);
  if (!initial || !sameList(contacts, initial.contacts.map(contactInput))) input.contacts = contacts;
  if (!initial || !sameList(contracts, initial.contracts.map(contractInput))) input.contracts = contracts;
  return input;
}

export type ClientProblem = 'required' | 'invalidMoney';

/**
 * What must be caught before sending: a blank name, and money the API's Money scalar would reject as a whole request
 * (without saying which field). Everything else is checked by the server, which answers per field.
 */
export function clientProblems(values: CustomerFormValues): Record<string, ClientProblem> {
  const problems: Record<string, ClientProblem> = {};
  if (!values.name.trim()) problems.name = 'required';
  for (const key of MONEY_FIELDS) {
    const amount = normaliseMoneyInput(values[key]);
    if (amount && !isMoneyString(amount)) problems[key] = 'invalidMoney';
  }
  values.contracts.forEach((c, i) => {
    const amount = normaliseMoneyInput(c.amount);
    if (!c.contractNo.trim()) problems[`contracts.${i}.contractNo`] = 'required';
    if (!amount) problems[`contracts.${i}.amount`] = 'required';
    else if (!isMoneyString(amount)) problems[`contracts.${i}.amount`] = 'invalidMoney';
  });
  values.contacts.forEach((c, i) => {
    if (!c.name.trim()) problems[`contacts.${i}.name`] = 'required';
  });
  return problems;
}
