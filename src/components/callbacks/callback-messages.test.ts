import { describe, expect, it } from 'vitest';
import { messageKeys } from '@/i18n/message-keys';
import { expectLiteralKeys } from '@/i18n/message-usage';
import zh from '../../../messages/zh-CN/callbacks.json';
import zhProgrammes from '../../../messages/zh-CN/callbackProgrammes.json';

const zhKeys = messageKeys(zh);

describe('callbacks messages', () => {
  it('label every queue, reason, status and outcome, and every kind of error', () => {
    for (const queue of ['MINE', 'DUE_SOON', 'OVERDUE', 'PENDING', 'DONE']) expect(zhKeys).toContain(`queue.${queue}`);
    for (const reason of ['POST_RESOLUTION', 'KEY_ACCOUNT', 'PERIODIC', 'SURVEY_FOLLOW_UP'])
      expect(zhKeys).toContain(`reason.${reason}`);
    for (const status of ['PENDING', 'DONE', 'CANCELLED']) expect(zhKeys).toContain(`status.${status}`);
    for (const outcome of ['NO_PROBLEM', 'REOPENED', 'NEW_COMPLAINT', 'UNREACHABLE']) {
      expect(zhKeys).toContain(`outcome.${outcome}`);
      expect(zhKeys).toContain(`outcomeHint.${outcome}`);
    }
    for (const kind of ['forbidden', 'unauthenticated', 'notFound', 'conflict', 'network', 'unknown'])
      expect(zhKeys).toContain(`errors.${kind}`);
  });

  it('use the wording of the callback script [001 §6.2] and of the desk', () => {
    expect(zh.record).toMatchObject({ accuracy: '准确性', timeliness: '及时性', attitude: '服务态度' });
    expect(zh.actions).toMatchObject({ create: '新建回访', record: '记录回访' });
    expect(zh.record.conflict).toContain('已被他人修改');
    expect(zh.title).toBe('回访');
  });

  it('have every literal key the callback screens ask for', () => {
    // The components here and the console page.
    expectLiteralKeys('callbacks', __dirname, ['src/app/console/(app)/callbacks/page.tsx'], zhKeys, 60);
  });

  it('have every literal key the callback programmes screen asks for', () => {
    expectLiteralKeys('callbackProgrammes', __dirname, [], messageKeys(zhProgrammes), 30);
  });
});
