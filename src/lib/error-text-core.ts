import { englishMessage, isErrorKey, type ErrorParams, type FieldError } from '@/server/error-keys';

/**
 * Server errors in the viewer's language. A DomainError reaches the client as a message key (`extensions.key`, e.g.
 * `customer.contractNoTaken`) with params, and its form fields as keys too; this module turns them into text through
 * next-intl's `errors` namespace (messages/<locale>/errors.json), falling back to a generic message per code
 * (`errors.code.<CODE>`) when a key is unknown to the bundle.
 *
 * `gqlErrorMessage`, `fieldErrorsOf` and `GqlError.fields` are plain functions called from event handlers all over the
 * screens, so they read the translator the root layout registers (<ErrorTextBridge/>); components that render error
 * text themselves use `useErrorText()`.
 */
export type ErrorTranslator = {
  has: (key: string) => boolean;
  text: (key: string, params?: ErrorParams) => string;
};

let registered: ErrorTranslator | null = null;

/** Set by <ErrorTextBridge/> (src/lib/error-text.ts) with the viewer's `errors` translator. */
export const registerErrorTranslator = (translator: ErrorTranslator | null) => {
  registered = translator;
};

/** English from the bundle the server uses, until (or unless) the layout registers the viewer's language. */
const fallback: ErrorTranslator = {
  has: isErrorKey,
  text: (key, params) => (isErrorKey(key) ? englishMessage(key, params) : key),
};

export const currentErrorTranslator = (): ErrorTranslator => registered ?? fallback;

/** The text of a key, or of the code's generic message when the bundle lacks the key. */
export function errorKeyText(
  translator: ErrorTranslator,
  key: string | undefined,
  params: ErrorParams | undefined,
  code: string,
): string | null {
  if (key && translator.has(key)) return translator.text(key, params);
  const generic = `code.${code}`;
  return translator.has(generic) ? translator.text(generic) : null;
}

/** A field's problem as text: a server FieldError ({key, params}) or an already-written message. */
export function fieldText(translator: ErrorTranslator, problem: FieldError | string): string {
  if (typeof problem === 'string') return translator.has(problem) ? translator.text(problem) : problem;
  return errorKeyText(translator, problem.key, problem.params, 'BAD_USER_INPUT') ?? problem.key;
}

export function fieldTexts(
  translator: ErrorTranslator,
  fields: Record<string, FieldError | string>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, problem]) => [name, fieldText(translator, problem)]));
}
