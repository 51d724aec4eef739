import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, LOCALES } from './config';
import { keyDifferences, messageKeys } from './message-keys';

// The one zh-CN ⇄ en parity check, over every bundle (messages/<locale>/<namespace>.json): the same namespaces, the same
// keys at every depth, and per key the same ICU placeholders — arguments ({count}, {count, plural, …}, {at, date}) and
// rich-text tags (<b>…</b>). Each screen's own messages test checks the keys its sources ask for and its wording.

const messagesDir = join(import.meta.dirname, '../../messages');
const [reference, ...others] = [DEFAULT_LOCALE, ...LOCALES.filter((l) => l !== DEFAULT_LOCALE)];

const namespacesOf = (locale: string) =>
  readdirSync(join(messagesDir, locale))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();

const bundle = (locale: string, namespace: string): unknown =>
  JSON.parse(readFileSync(join(messagesDir, locale, `${namespace}.json`), 'utf8'));

/** The text at a dotted key of a bundle. */
const textAt = (messages: unknown, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);

/** The placeholders of an ICU message, sorted: `name` for an argument of any kind, `<tag>` for a rich-text tag. */
export function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
        case TYPE.number:
        case TYPE.date:
        case TYPE.time:
          found.add(element.value);
          break;
        case TYPE.select:
        case TYPE.plural:
          found.add(element.value);
          for (const option of Object.values(element.options)) walk(option.value);
          break;
        case TYPE.tag:
          found.add(`<${element.value}>`);
          walk(element.children);
          break;
        case TYPE.literal:
        case TYPE.pound:
          break;
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

describe('message bundles', () => {
  it('placeholders() reads arguments, plural and select values, nested arguments and tags', () => {
    expect(placeholders('共 {total} 条')).toEqual(['total']);
    expect(placeholders('{count, plural, one {# item from {who}} other {# items}} at {at, date, short}')).toEqual([
      'at',
      'count',
      'who',
    ]);
    expect(placeholders('{kind, select, a {<b>{name}</b>} other {—}}')).toEqual(['<b>', 'kind', 'name']);
    expect(placeholders('no placeholders here')).toEqual([]);
  });

  it.each(others)(`%s has the same namespaces as ${reference}`, (locale) => {
    expect(namespacesOf(locale)).toEqual(namespacesOf(reference));
  });

  const pairs = others.flatMap((locale) => namespacesOf(reference).map((namespace) => [namespace, locale] as const));

  it.each(pairs)(`%s: %s has exactly the keys of ${reference}`, (namespace, locale) => {
    const differences = keyDifferences(bundle(reference, namespace), bundle(locale, namespace));
    expect({ onlyInReference: differences.onlyInZh, onlyInOther: differences.onlyInEn }).toEqual({
      onlyInReference: [],
      onlyInOther: [],
    });
  });

  it.each(pairs)(`%s: every message of %s has the ICU placeholders of ${reference}'s`, (namespace, locale) => {
    const [ref, other] = [bundle(reference, namespace), bundle(locale, namespace)];
    const mismatches: string[] = [];
    for (const key of messageKeys(ref)) {
      const [a, b] = [textAt(ref, key), textAt(other, key)];
      if (typeof a !== 'string' || typeof b !== 'string') continue; // a missing key is the test above's finding
      const [pa, pb] = [placeholders(a), placeholders(b)];
      if (pa.join() !== pb.join())
        mismatches.push(`${key}: ${reference} {${pa.join(', ')}} ≠ ${locale} {${pb.join(', ')}}`);
    }
    expect(mismatches).toEqual([]);
  });
});
