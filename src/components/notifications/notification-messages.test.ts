import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageKeys } from '@/i18n/message-keys';
import zh from '../../../messages/zh-CN/notifications.json';

const zhKeys = messageKeys(zh);
const root = join(__dirname, '../../..');

/** Every source of the notification screens: the components here and the console page. */
function notificationSources(): { file: string; text: string }[] {
  const files = readdirSync(__dirname)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => join(__dirname, f));
  return [...files, join(root, 'src/app/console/(app)/notifications/page.tsx')].map((file) => ({
    file,
    text: readFileSync(file, 'utf8'),
  }));
}

describe('notifications messages', () => {
  it('label both tabs, every escalation kind the sweep writes, and every kind of error', () => {
    for (const tab of ['ALL', 'UNREAD']) expect(zhKeys).toContain(`tabs.${tab}`);
    for (const reason of ['TRIAGE_OVERDUE', 'DUE_SOON', 'RESOLUTION_OVERDUE', 'CALLBACK_OVERDUE', 'CRISIS'])
      expect(zhKeys).toContain(`kind.ESCALATION_${reason}`);
    for (const kind of ['forbidden', 'unauthenticated', 'notFound', 'conflict', 'network', 'unknown'])
      expect(zhKeys).toContain(`errors.${kind}`);
  });

  it('use the wording of the console', () => {
    expect(zh.bell).toMatchObject({ markAllRead: '全部标为已读', viewAll: '查看全部' });
    expect(zh.tabs).toMatchObject({ ALL: '全部', UNREAD: '未读' });
    expect(zh.title).toBe('通知');
  });

  it('have every literal key the notification screens ask for', () => {
    const missing: string[] = [];
    let used = 0;
    for (const { file, text } of notificationSources()) {
      // The namespaces this file's translators are scoped to: `notifications` or a part of it (`notifications.bell`).
      const prefixes = [...text.matchAll(/(?:useTranslations|getTranslations)\('notifications(?:\.([\w.]+))?'\)/g)].map(
        (m) => (m[1] ? `${m[1]}.` : ''),
      );
      for (const [, key] of text.matchAll(/\bt\(\s*'([^']+)'/g)) {
        used += 1;
        if (!prefixes.some((prefix) => zhKeys.has(`${prefix}${key}`)))
          missing.push(`${file.replace(root, '')}: ${key}`);
      }
    }
    expect(used).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });
});
