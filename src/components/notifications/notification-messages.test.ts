import { describe, expect, it } from 'vitest';
import { messageKeys } from '@/i18n/message-keys';
import { expectLiteralKeys } from '@/i18n/message-usage';
import zh from '../../../messages/zh-CN/notifications.json';

const zhKeys = messageKeys(zh);

describe('notifications messages', () => {
  it('label both tabs, every escalation kind the sweep writes, and every kind of error', () => {
    for (const tab of ['ALL', 'UNREAD']) expect(zhKeys).toContain(`tabs.${tab}`);
    for (const reason of [
      'TRIAGE_OVERDUE',
      'DUE_SOON',
      'RESOLUTION_OVERDUE',
      'CALLBACK_OVERDUE',
      'ACTION_OVERDUE',
      'STEP_OVERDUE',
      'CRISIS',
    ])
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
    // The components here and the console page.
    expectLiteralKeys('notifications', __dirname, ['src/app/console/(app)/notifications/page.tsx'], zhKeys, 15);
  });
});
