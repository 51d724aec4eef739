import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageKeys } from '@/i18n/message-keys';
import en from '../../../messages/en/surveyAnalysis.json';
import zh from '../../../messages/zh-CN/surveyAnalysis.json';
import { ANNUAL_EVENTS } from './annual-criteria';
import { GRADE_VALUES, KEY_ACCOUNT_VALUES, SEGMENT_VALUES, VIEWS } from './analysis-params';

const zhKeys = messageKeys(zh);
const zhPrefixes = new Set(
  [...zhKeys].flatMap((k) =>
    k
      .split('.')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  ),
);
const root = join(__dirname, '../../..');

/** The analysis screens' sources: the components here and the two pages. */
function sources(): { file: string; text: string }[] {
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => join(__dirname, f));
  const pages = [
    'src/app/console/(app)/surveys/analysis/page.tsx',
    'src/app/console/(app)/surveys/annual/page.tsx',
  ].map((p) => join(root, p));
  return [...files, ...pages].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/**
 * Every `x('key')` and `` x(`prefix.${…}`) `` of a translator bound with useTranslations/getTranslations('surveyAnalysis…'),
 * resolved against the binding that precedes it in the file (one file may bind `t` to different namespaces in
 * different components).
 */
function usedKeys(): { literal: string[]; dynamicPrefixes: string[] } {
  const literal: string[] = [];
  const dynamicPrefixes: string[] = [];
  for (const { text } of sources()) {
    const bindings = [
      ...text.matchAll(
        /const (?:\[)?(\w+)(?:, \w+\])? = (?:await )?(?:use|get)Translations\('(surveyAnalysis[^']*)'\)/g,
      ),
    ].map((m) => ({
      name: m[1]!,
      namespace: m[2]!.replace(/^surveyAnalysis\.?/, ''),
      at: m.index!,
    }));
    // Promise.all([getTranslations('surveyAnalysis…'), …]) in the pages' metadata.
    for (const m of text.matchAll(
      /const \[(\w+), \w+\] = await Promise\.all\(\[getTranslations\('(surveyAnalysis[^']*)'\)/g,
    )) {
      bindings.push({ name: m[1]!, namespace: m[2]!.replace(/^surveyAnalysis\.?/, ''), at: m.index! });
    }
    const names = [...new Set(bindings.map((b) => b.name))];
    if (!names.length) continue;
    const call = new RegExp(`\\b(${names.join('|')})\\(\\s*(['\`])([^'\`]+)\\2`, 'g');
    for (const m of text.matchAll(call)) {
      const binding = bindings.filter((b) => b.name === m[1] && b.at < m.index!).at(-1);
      if (!binding) continue;
      const key = m[3]!;
      const full = (k: string) => (binding.namespace ? `${binding.namespace}.${k}` : k);
      if (m[2] === '`') {
        const prefix = key.split('${')[0]!.replace(/\.$/, '');
        dynamicPrefixes.push(full(prefix));
      } else literal.push(full(key));
    }
  }
  return { literal: [...new Set(literal)], dynamicPrefixes: [...new Set(dynamicPrefixes)] };
}

describe('surveyAnalysis messages', () => {
  it('have no empty texts', () => {
    const empty = (messages: unknown) =>
      [...messageKeys(messages)].filter(
        (k) => !String(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messages)).trim(),
      );
    expect(empty(zh)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });

  it('label every enum value the screens show', () => {
    for (const event of ANNUAL_EVENTS) expect(zhKeys).toContain(`annual.events.${event}`);
    for (const grade of GRADE_VALUES) expect(zhKeys).toContain(`segmentValue.GRADE.${grade}`);
    for (const status of KEY_ACCOUNT_VALUES) expect(zhKeys).toContain(`segmentValue.KEY_ACCOUNT.${status}`);
    for (const segment of SEGMENT_VALUES) expect(zhKeys).toContain(`breakdown.segment.${segment}`);
    for (const view of VIEWS) expect(zhKeys).toContain(`views.${view}`);
    for (const status of ['DRAFT', 'OPEN', 'CLOSED']) expect(zhKeys).toContain(`campaignStatus.${status}`);
    for (const source of ['LINK', 'PORTAL', 'PHONE', 'FAX', 'API']) expect(zhKeys).toContain(`source.${source}`);
    for (const status of ['PENDING', 'DONE', 'CANCELLED']) expect(zhKeys).toContain(`callbackStatus.${status}`);
    for (const tone of ['better', 'worse', 'same', 'none']) expect(zhKeys).toContain(`compare.tone.${tone}`);
    for (const problem of ['required', 'notANumber', 'negative', 'tooLarge', 'tooPrecise'])
      expect(zhKeys).toContain(`annual.problems.${problem}`);
    for (const kind of ['forbidden', 'unauthenticated', 'notFound', 'conflict', 'network', 'unknown'])
      expect(zhKeys).toContain(`errors.${kind}`);
  });

  it('have every key the screens ask for', () => {
    const { literal, dynamicPrefixes } = usedKeys();
    expect(literal.length).toBeGreaterThan(150);
    expect(literal.filter((k) => !zhKeys.has(k))).toEqual([]);
    expect(dynamicPrefixes.filter((p) => !zhPrefixes.has(p))).toEqual([]);
  });
});
