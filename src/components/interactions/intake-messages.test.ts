import { describe, expect, it } from 'vitest';
import { INTERACTION_CHANNELS, INTERACTION_STATUSES } from '@/graphql/interactions/intake.rules';
import { messageKeys } from '@/i18n/message-keys';
import { expectLiteralKeys } from '@/i18n/message-usage';
import zh from '../../../messages/zh-CN/intake.json';

const zhKeys = messageKeys(zh);
/** The pages that use the `intake` namespace, besides the components here. */
const PAGES = [
  'src/app/track/page.tsx',
  'src/app/submit/page.tsx',
  'src/app/portal/(app)/interactions/page.tsx',
  'src/app/portal/(app)/interactions/new/page.tsx',
  'src/app/portal/(app)/interactions/[id]/page.tsx',
  'src/app/console/(app)/interactions/page.tsx',
  'src/app/console/(app)/interactions/new/page.tsx',
  'src/app/console/(app)/interactions/[id]/page.tsx',
];

describe('intake messages', () => {
  it('label every type, status and channel', () => {
    for (const type of ['CONSULTATION', 'INQUIRY', 'COMPLAINT', 'SUGGESTION']) expect(zhKeys).toContain(`type.${type}`);
    for (const channel of INTERACTION_CHANNELS) expect(zhKeys).toContain(`channel.${channel}`);
    for (const status of INTERACTION_STATUSES) expect(zhKeys).toContain(`status.${status}`);
    for (const kind of ['forbidden', 'unauthenticated', 'notFound', 'conflict', 'network', 'unknown'])
      expect(zhKeys).toContain(`errors.${kind}`);
  });

  it('have every literal key the intake screens ask for', () =>
    expectLiteralKeys('intake', __dirname, PAGES, zhKeys, 60));
});
