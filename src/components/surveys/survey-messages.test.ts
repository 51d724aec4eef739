import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageKeys } from '@/i18n/message-keys';
import zh from '../../../messages/zh-CN/surveys.json';
import { INVITATION_STATES } from './campaign-invitations';
import { QUESTION_TYPES } from './template-builder-state';

const zhKeys = messageKeys(zh);
const root = join(__dirname, '../../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? filesUnder(path)
      : /\.tsx?$/.test(name) && !name.endsWith('.test.ts')
        ? [path]
        : [];
  });
}

/** The survey screens: components here and the pages that use them (the analysis pages belong to surveyAnalysis). */
function surveySources(): string[] {
  return [
    ...filesUnder(__dirname),
    ...filesUnder(join(root, 'src/app/s')),
    ...filesUnder(join(root, 'src/app/console/(app)/surveys')).filter((f) => !/surveys[/\\](analysis|annual)/.test(f)),
    ...filesUnder(join(root, 'src/app/portal/(app)/surveys')),
  ].map((f) => readFileSync(f, 'utf8'));
}

/**
 * Every literal key a translator function is called with, in full (`surveys.campaign.launch`): each call resolves to
 * the namespace of the nearest preceding declaration of its variable (`const t = useTranslations('surveys.campaign')`),
 * which is how the components are laid out (one declaration per component, components one after another).
 */
function usedKeys(source: string): string[] {
  const declarations = [
    ...source.matchAll(/const (\w+) = (?:await )?(?:useTranslations|getTranslations)\(\s*(?:'([^']*)')?\s*\)/g),
  ].map((m) => ({
    at: m.index,
    name: m[1]!,
    namespace: m[2] ?? '',
  }));
  for (const m of source.matchAll(
    /\[(\w+), (\w+)\] = await Promise\.all\(\[getTranslations\('([^']+)'\), getTranslations\('([^']+)'\)\]\)/g,
  )) {
    declarations.push({ at: m.index, name: m[1]!, namespace: m[3]! }, { at: m.index, name: m[2]!, namespace: m[4]! });
  }
  const keys: string[] = [];
  for (const call of source.matchAll(/(?<![\w.])(\w+)\(\s*'([^']+)'/g)) {
    const declaration = declarations.filter((d) => d.name === call[1] && d.at < call.index).at(-1);
    if (declaration) keys.push(declaration.namespace ? `${declaration.namespace}.${call[2]}` : call[2]!);
  }
  return keys;
}

describe('surveys messages', () => {
  it('label every status, state, source, type, segment and error kind', () => {
    for (const status of ['DRAFT', 'OPEN', 'CLOSED']) expect(zhKeys).toContain(`status.${status}`);
    for (const state of INVITATION_STATES) expect(zhKeys).toContain(`invitationState.${state}`);
    for (const source of ['LINK', 'PORTAL', 'PHONE', 'FAX', 'API']) expect(zhKeys).toContain(`source.${source}`);
    for (const type of QUESTION_TYPES) expect(zhKeys).toContain(`questionType.${type}`);
    for (const segment of ['PROVINCE', 'INDUSTRY', 'GRADE', 'KEY_ACCOUNT', 'none'])
      expect(zhKeys).toContain(`segment.${segment}`);
    for (const state of ['OPEN', 'NOT_YET_OPEN', 'CLOSED', 'EXPIRED', 'SUBMITTED']) {
      expect(zhKeys).toContain(`formState.${state}`);
      expect(zhKeys).toContain(`respond.stateTitle.${state}`);
    }
    for (const kind of ['forbidden', 'unauthenticated', 'notFound', 'conflict', 'network', 'unknown'])
      expect(zhKeys).toContain(`errors.${kind}`);
    for (const problem of ['required', 'range', 'choice', 'tooLong'])
      expect(zhKeys).toContain(`form.problem.${problem}`);
    for (const problem of [
      'required',
      'invalidDate',
      'closesBeforeOpens',
      'reminderDay',
      'tooManyReminders',
      'dateOrder',
      'periodFormat',
    ])
      expect(zhKeys).toContain(`campaignForm.problem.${problem}`);
    for (const problem of [
      'required',
      'duplicate',
      'codeFormat',
      'weight',
      'score',
      'tooFewChoices',
      'noQuestions',
      'noSections',
      'unknownDimension',
      'scoreNeeded',
    ]) {
      expect(zhKeys).toContain(`builder.problem.${problem}`);
    }
    for (const tab of ['campaigns', 'templates', 'analysis', 'annual']) expect(zhKeys).toContain(`tabs.${tab}`);
  });

  it('have every literal key the survey screens ask for', () => {
    const used = new Set(
      surveySources()
        .flatMap(usedKeys)
        .filter((key) => key.startsWith('surveys.'))
        .map((key) => key.slice('surveys.'.length)),
    );
    expect(used.size).toBeGreaterThan(250);
    expect([...used].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('use the SPEC’s words in Chinese', () => {
    expect(zh.form.npsLow).toBe('不可能');
    expect(zh.form.npsHigh).toBe('非常可能');
    expect(zh.form.progress).toBe('已完成 {answered}/{total}');
    expect(zh.builder.inUseBanner).toContain('此模板已被调查活动使用，保存将生成新版本 v{version}');
    expect(zh.tabs).toMatchObject({
      campaigns: '调查活动',
      templates: '问卷模板',
      analysis: '满意度分析',
      annual: '年度满意度指数',
    });
  });
});
