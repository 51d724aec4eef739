import { Kind, visit, type DocumentNode } from 'graphql';
import { refusal } from './refusal.plugin';

/**
 * U+0000 in text. PostgreSQL cannot store it in text columns nor compare it in LIKE patterns ("invalid byte sequence"),
 * so every service that writes or searches text failed on it with an internal error (issue 10 counted 16 places,
 * among them the anonymous look-up and submitInteraction). It never belongs in anything a person types, so it is
 * refused here, once, for every field: in variables (any depth: input objects, lists, object keys) and in string
 * literals of the document (`"\u0000"`; a raw NUL is already a syntax error).
 */
export function findNul(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNul(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key];
      const found = findNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

// A document's literals are the same on every request that sends it (Apollo keeps parsed documents): look once.
const literalsChecked = new WeakMap<DocumentNode, boolean>();

function literalWithNul(document: DocumentNode): boolean {
  const known = literalsChecked.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  literalsChecked.set(document, found);
  return found;
}

/**
 * Throws BAD_USER_INPUT (HTTP 400) naming where the NUL is (`params.at`, e.g. `variables.input.contacts.0.name`), with
 * the field's own problem as a key under its last name (`fields.name`), so a form marks the field.
 */
export function refuseNulCharacters(variables: Record<string, unknown> | undefined, document: DocumentNode): void {
  const inVariable = findNul(variables ?? {}, ['variables']);
  if (!inVariable && !literalWithNul(document)) return;
  throw refusal('BAD_USER_INPUT', 'query.nulCharacter', {
    params: { at: inVariable?.join('.') ?? 'query' },
    fields: { [inVariable?.at(-1) ?? 'query']: 'common.nulCharacter' },
  });
}
