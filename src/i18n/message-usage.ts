import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// For tests only (reads the source tree): which literal message keys a screen folder asks for.

const ROOT = join(__dirname, '../..');

/**
 * The literal keys `t('…')` that a folder's components (its tests left out) and the extra files named (paths from the
 * repository root, such as the console page) ask for under `namespace`, and those of them `keys` lacks. A file's
 * translators may be scoped to the namespace or a part of it (`useTranslations('callbacks.list')`).
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
    const prefixes = [...text.matchAll(scope)].map((m) => (m[1] ? `${m[1]}.` : ''));
    for (const [, key] of text.matchAll(/\bt\(\s*'([^']+)'/g)) {
      used += 1;
      if (!prefixes.some((prefix) => keys.has(`${prefix}${key}`))) missing.push(`${file.replace(ROOT, '')}: ${key}`);
    }
  }
  return { used, missing };
}
