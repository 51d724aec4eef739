import { createTranslator } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMessages } from '@/i18n/messages';
import { changeList } from '@/lib/changes';
import { changeText, valueFromText } from './change-text';

type Text = ReturnType<typeof changeText>;
const texts: Record<'zh-CN' | 'en', Text> = {} as Record<'zh-CN' | 'en', Text>;

beforeAll(async () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    const messages = await loadMessages(locale);
    // As the app's `useTranslations()` gives it: untyped, keys are strings.
    texts[locale] = changeText(createTranslator({ locale, messages }) as unknown as Parameters<typeof changeText>[0]);
  }
});

/** A change as the service-rules screen prints it. */
const line = (text: Text, changes: unknown) =>
  changeList(changes).map(
    ({ field, from, to }) => `${text.field(field)}: ${text.value(field, from)} → ${text.value(field, to)}`,
  );

describe('changeText', () => {
  it('words the fields of an SLA rule and codes instead of printing them (severity: MAJOR → CRISIS)', () => {
    const zh = texts['zh-CN'];
    expect(line(zh, { severity: { from: 'MAJOR', to: 'CRISIS' }, resolutionHours: { from: 8, to: 12 } })).toEqual([
      '严重程度: 重大 → 危机',
      '处理时限（工作小时）: 8 → 12',
    ]);
    expect(
      line(zh, { interactionType: { from: null, to: 'COMPLAINT' }, keyAccount: { from: null, to: true } }),
    ).toEqual(['类型: 任意 → 投诉', '重要客户: 任意 → 是']);
    expect(line(texts.en, { severity: { from: 'MAJOR', to: 'CRISIS' } })).toEqual(['Severity: Major → Crisis']);
  });

  it('words the parts of a setting and lists instead of printing JSON', () => {
    const zh = texts['zh-CN'];
    expect(line(zh, { stepHours: { from: null, to: { INVESTIGATION: 8, CLOSURE: 4 } } })).toEqual([
      '各步骤时限（工作小时）: — → 调查/8D 8；关闭确认 4',
    ]);
    expect(line(zh, { days: { from: [1, 2, 3, 4, 5], to: [1, 2, 3, 4, 5, 6] } })).toEqual([
      '工作日: 周一、周二、周三、周四、周五 → 周一、周二、周三、周四、周五、周六',
    ]);
    expect(
      line(zh, {
        MAJOR: { from: null, to: { approve: ['QUALITY_MANAGER', 'EXECUTIVE'], close: ['QUALITY_MANAGER'] } },
      }),
    ).toEqual(['重大: — → 批准处置方案 质量经理、总经理/主管副总；确认结案 质量经理']);
    expect(line(texts.en, { days: { from: [1], to: [1, 2] } })).toEqual(['Working days: Mon → Mon, Tue']);
  });

  it('words the text values of the audit log the same way, and leaves what no bundle words as it is', () => {
    const zh = texts['zh-CN'];
    expect(zh.value('role', 'QUALITY_MANAGER')).toBe('质量经理');
    expect(zh.value('active', 'false')).toBe('否');
    expect(zh.value('isWorkday', valueFromText('true'))).toBe('是');
    expect(zh.value('days', valueFromText('[6,7]'))).toBe('周六、周日');
    expect(zh.value('name', '[测试] 国庆节')).toBe('[测试] 国庆节');
    expect(valueFromText('[测试] 国庆节')).toBe('[测试] 国庆节');
    expect(zh.value('departmentId', null)).toBe('—');
    expect([zh.field('somethingNew'), zh.value('somethingNew', 'X_1')]).toEqual(['somethingNew', 'X_1']);
  });
});
