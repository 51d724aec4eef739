import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

// For tests only (reads the source tree): which literal message keys a screen folder asks for.

const ROOT = join(__dirname, '../..');

/**
 * The literal keys `t('…')` that a folder's components (its tests left out) and the extra files named (paths from the
 * repository root, such as the console page) ask for under `namespace`, and those of them `keys` lacks. A file's
 * translators may be scoped to the namespace or a part of it (`useTranslations('callbacks.list')`); a file that only
 * reads the root (`useTranslations()`) asks for `namespace.key` — its keys of other namespaces (`common.…`) are not
 * this namespace's business; a file that binds none is handed the folder's translator (`t` as a parameter).
 */
export function literalKeyUsage(
  namespace: string,
  dir: string,
  extraFiles: readonly string[],
  keys: ReadonlySet<string>,
): { used: number; missing: string[] } {
  const files = [
    ...readdirSync(dir)
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => join(dir, f)),
    ...extraFiles.map((f) => join(ROOT, f)),
  ];
  const scope = new RegExp(`(?:useTranslations|getTranslations)\\('${namespace}(?:\\.([\\w.]+))?'\\)`, 'g');
  const missing: string[] = [];
  let used = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const scoped = [...text.matchAll(scope)].map((m) => (m[1] ? `${m[1]}.` : ''));
    const rootOnly = !scoped.length && /(?:useTranslations|getTranslations)\(\)/.test(text);
    // A file that binds no translator is handed the folder's (`t` as a parameter).
    const handed = !/(?:useTranslations|getTranslations)\(/.test(text);
    // A file that binds only other namespaces' translators is theirs to check.
    if (!scoped.length && !rootOnly && !handed) continue;
    const prefixes = rootOnly || handed ? [''] : scoped;
    for (const [, literal = ''] of text.matchAll(/\bt\(\s*'([^']+)'/g)) {
      if (rootOnly && !literal.startsWith(`${namespace}.`)) continue;
      const key = rootOnly ? literal.slice(namespace.length + 1) : literal;
      used += 1;
      if (!prefixes.some((prefix) => keys.has(`${prefix}${key}`))) missing.push(`${file.replace(ROOT, '')}: ${key}`);
    }
  }
  return { used, missing };
}

/**
 * The test every screen folder runs: each literal key its screens ask for is in the bundle, and there are more than
 * `atLeast` of them (so a scan that finds nothing cannot pass).
 */
export function expectLiteralKeys(
  namespace: string,
  dir: string,
  extraFiles: readonly string[],
  keys: ReadonlySet<string>,
  atLeast: number,
) {
  const { used, missing } = literalKeyUsage(namespace, dir, extraFiles, keys);
  expect(used).toBeGreaterThan(atLeast);
  expect(missing).toEqual([]);
}
