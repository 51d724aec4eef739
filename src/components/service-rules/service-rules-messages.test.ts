import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageKeys } from '@/i18n/message-keys';
import { AUDIENCES } from '@/graphql/complaints/escalation.rules';
import en from '../../../messages/en/serviceRules.json';
import zh from '../../../messages/zh-CN/serviceRules.json';
import zhConsole from '../../../messages/zh-CN/console.json';
import enConsole from '../../../messages/en/console.json';

const zhKeys = messageKeys(zh);
const root = join(__dirname, '../../..');

/** Every source of the service-rules screen: the components here and the console page. */
function sources(): { file: string; text: string }[] {
  const files = readdirSync(__dirname)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => join(__dirname, f));
  return [...files, join(root, 'src/app/console/(app)/admin/service-rules/page.tsx')].map((file) => ({
    file,
    text: readFileSync(file, 'utf8'),
  }));
}

describe('service rules messages', () => {
  it('label every type, severity, weekday, problem, audience, history entry and kind of error the screen builds a key for', () => {
    for (const type of ['CONSULTATION', 'INQUIRY', 'COMPLAINT', 'SUGGESTION']) expect(zhKeys).toContain(`type.${type}`);
    for (const severity of ['GENERAL', 'MAJOR', 'CRISIS']) expect(zhKeys).toContain(`severity.${severity}`);
    for (const day of [1, 2, 3, 4, 5, 6, 7]) expect(zhKeys).toContain(`hours.weekday.${day}`);
    for (const problem of ['days', 'time', 'order', 'timeZone']) expect(zhKeys).toContain(`hours.problems.${problem}`);
    for (const audience of AUDIENCES) expect(zhKeys).toContain(`escalation.audience.${audience}`);
    for (const entity of ['SlaRule', 'Setting', 'CalendarDay']) expect(zhKeys).toContain(`changes.entity.${entity}`);
    for (const action of ['CREATE', 'UPDATE', 'DELETE', 'ACTIVATE', 'DEACTIVATE'])
      expect(zhKeys).toContain(`changes.action.${action}`);
    for (const tab of ['sla', 'calendar', 'authority', 'grading']) expect(zhKeys).toContain(`tabs.${tab}`);
    for (const form of ['authority', 'escalation', 'hours', 'grading'])
      for (const key of ['title', 'save']) expect(zhKeys).toContain(`${form}.${key}`);
    for (const kind of ['forbidden', 'unauthenticated', 'notFound', 'conflict', 'network', 'unknown'])
      expect(zhKeys).toContain(`errors.${kind}`);
  });

  it('name the screen in the navigation, and say a conflict means reload', () => {
    expect(zhConsole.nav.serviceRules).toBe('服务规则');
    expect(enConsole.nav.serviceRules).toBe('Service rules');
    expect(zh.title).toBe('服务规则');
    expect(zh.tabs).toEqual({
      sla: 'SLA 规则',
      calendar: '工作时间与节假日',
      authority: '核决权限与升级',
      grading: '客户分等分级',
      obligations: '重要客户服务周期',
      keyAccounts: '重要客户标准',
      visits: '客户访问周期',
    });
    expect(zh.errors.conflict).toContain('重新加载');
    expect(en.errors.conflict).toContain('reload');
  });

  it('have every literal key the screen asks for', () => {
    const missing: string[] = [];
    let used = 0;
    for (const { file, text } of sources()) {
      const prefixes = [...text.matchAll(/(?:useTranslations|getTranslations)\('serviceRules(?:\.([\w.]+))?'\)/g)].map(
        (m) => (m[1] ? `${m[1]}.` : ''),
      );
      for (const [, key] of text.matchAll(/\bt\(\s*'([^']+)'/g)) {
        used += 1;
        if (!prefixes.some((prefix) => zhKeys.has(`${prefix}${key}`)))
          missing.push(`${file.replace(root, '')}: ${key}`);
      }
    }
    expect(used).toBeGreaterThan(80);
    expect(missing).toEqual([]);
  });
});
