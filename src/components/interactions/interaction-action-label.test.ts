import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import enComplaints from '../../../messages/en/complaints.json';
import enIntake from '../../../messages/en/intake.json';
import zhComplaints from '../../../messages/zh-CN/complaints.json';
import zhIntake from '../../../messages/zh-CN/intake.json';
import { interactionActionLabel } from './interaction-action-label';

const bundles = {
  'zh-CN': { intake: zhIntake, complaints: zhComplaints },
  en: { intake: enIntake, complaints: enComplaints },
};

type Words = Parameters<typeof interactionActionLabel>[1];

function labelIn(locale: keyof typeof bundles) {
  // As the app's `useTranslations` gives them: untyped, keys are strings.
  const words = (namespace: 'intake' | 'complaints') =>
    createTranslator({ locale, messages: bundles[locale], namespace }) as unknown as Words;
  return (action: string) => interactionActionLabel(action, words('intake'), words('complaints'));
}

/**
 * Every step an interaction's history holds (interaction.service, complaint.service's commands, complaint-work.service,
 * escalation.service, callback.service).
 */
const ACTIONS = [
  'CREATE',
  'CONVERT_TO_COMPLAINT',
  'ATTACH',
  'CALLBACK_RECORDED',
  'CALLBACK_UNREACHABLE',
  'ACTION_ADDED',
  'ACTION_UPDATED',
  'EIGHT_D_CREATED',
  'EIGHT_D_UPDATED',
  'ESCALATED',
  ...Object.keys(zhComplaints.command),
];

describe('interactionActionLabel', () => {
  it('words the workflow steps of a consultation or an inquiry as the workbench does (no raw ANSWER, CLOSE, REOPEN…)', () => {
    const zh = labelIn('zh-CN');
    expect(['ANSWER', 'CLOSE', 'DECLINE', 'REOPEN', 'CUSTOMER_FEEDBACK'].map(zh)).toEqual([
      '答复',
      '关闭',
      '驳回（不合理要求）',
      '重新打开',
      '登记客户反馈',
    ]);
    expect(labelIn('en')('REOPEN')).toBe(enComplaints.command.REOPEN);
  });

  it('prefers the intake word, then the command, then the other complaint steps', () => {
    const zh = labelIn('zh-CN');
    expect(zh('CREATE')).toBe(zhIntake.action.CREATE);
    expect(zh('CALLBACK_RECORDED')).toBe(zhIntake.action.CALLBACK_RECORDED);
    expect(zh('TRIAGE')).toBe(zhComplaints.command.TRIAGE);
    expect(zh('ESCALATED')).toBe(zhComplaints.historyAction.ESCALATED);
    expect(zh('CALLBACK_UNREACHABLE')).toBe(zhComplaints.historyAction.CALLBACK_UNREACHABLE);
  });

  it('has a word for every step in both languages, and leaves a code it does not know as it is', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const label = labelIn(locale);
      for (const action of ACTIONS) expect(label(action), `${locale} ${action}`).not.toBe(action);
      expect(label('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    }
  });
});
