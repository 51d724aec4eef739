import { describe, expect, it } from 'vitest';
import { OBLIGATION_KINDS } from '@/graphql/key-account-obligations/obligation-schedule.rules';
import { messageKeys } from '@/i18n/message-keys';
import { expectLiteralKeys } from '@/i18n/message-usage';
import zh from '../../../messages/zh-CN/keyAccountSummaries.json';

const zhKeys = messageKeys(zh);

describe('key-account summary messages', () => {
  it('label both states, every obligation kind and every kind of error', () => {
    for (const status of ['DRAFT', 'ISSUED']) expect(zhKeys).toContain(`status.${status}`);
    for (const kind of OBLIGATION_KINDS) expect(zhKeys).toContain(`editor.obligationKind.${kind}`);
    for (const kind of ['forbidden', 'unauthenticated', 'notFound', 'conflict', 'network', 'unknown'])
      expect(zhKeys).toContain(`errors.${kind}`);
  });

  it('use the names of the source document [001 第五章 7.7]', () => {
    expect(zh.title).toBe('客户服务交流信息');
    expect(zh.editor).toMatchObject({ customerNeeds: '客户需求', difficulties: '困难' });
  });

  it('have every literal key the summary screens ask for', () => {
    expectLiteralKeys(
      'keyAccountSummaries',
      __dirname,
      [
        'src/app/console/(app)/key-accounts/summaries/page.tsx',
        'src/app/console/(app)/key-accounts/summaries/[id]/page.tsx',
      ],
      zhKeys,
      40,
    );
  });
});
