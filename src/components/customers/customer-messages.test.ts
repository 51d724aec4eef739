import { describe, expect, it } from 'vitest';
import { messageKeys } from '@/i18n/message-keys';
import { expectLiteralKeys } from '@/i18n/message-usage';
import zh from '../../../messages/zh-CN/customers.json';
import { ENUM_FILTER_KEYS, ENUM_FILTER_VALUES } from './customer-list-params';

const zhKeys = messageKeys(zh);

describe('customers messages', () => {
  it('label every enum value', () => {
    for (const key of ENUM_FILTER_KEYS)
      for (const value of ENUM_FILTER_VALUES[key]) expect(zhKeys, `${key}.${value}`).toContain(`${key}.${value}`);
  });

  it('have every literal key the customer screens ask for', () =>
    expectLiteralKeys('customers', __dirname, [], zhKeys, 100));
});
