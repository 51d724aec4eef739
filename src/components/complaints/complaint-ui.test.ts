import { describe, expect, it } from 'vitest';
import en from '../../../messages/en/complaints.json';
import zh from '../../../messages/zh-CN/complaints.json';
import type { WorkflowCommand } from '@/gql/graphql';
import { dueHours } from './complaint-due';

// A Record over the generated union: a command added to the schema fails to compile here until it is listed.
const COMMANDS: Record<WorkflowCommand, true> = {
  TRIAGE: true,
  DECLINE: true,
  START_INVESTIGATION: true,
  PLAN_ACTIONS: true,
  SUBMIT_FOR_APPROVAL: true,
  APPROVE: true,
  REJECT_PLAN: true,
  START_IMPLEMENTATION: true,
  COMPLETE_IMPLEMENTATION: true,
  VERIFY: true,
  CUSTOMER_FEEDBACK: true,
  COMPLETE_FOLLOW_UP: true,
  CLOSE: true,
  REOPEN: true,
  ANSWER: true,
};

describe('complaints messages', () => {
  it('label every workflow command (the workbench shows whatever availableCommands returns)', () => {
    for (const command of Object.keys(COMMANDS)) {
      expect(zh.command).toHaveProperty(command);
      expect(en.command).toHaveProperty(command);
    }
  });

  it('use the SPEC wording for states and severities', () => {
    expect(zh.status).toMatchObject({
      REGISTERED: '已登记',
      TRIAGED: '已分派',
      VERIFYING: '效果验证中',
      FOLLOW_UP_DONE: '已回访',
      REOPENED: '已重新打开',
    });
    expect(zh.severity).toMatchObject({ GENERAL: '一般', MAJOR: '重大', CRISIS: '危机' });
  });
});

describe('dueHours', () => {
  const now = new Date('2026-11-23T08:00:00Z');
  it('counts remaining hours, rounded up', () => {
    expect(dueHours('2026-11-23T10:30:00Z', now)).toEqual({ overdue: false, hours: 3 });
    expect(dueHours('2026-11-23T08:20:00Z', now)).toEqual({ overdue: false, hours: 1 });
  });
  it('counts overdue hours once the due time has passed', () => {
    expect(dueHours('2026-11-23T05:00:00Z', now)).toEqual({ overdue: true, hours: 3 });
  });
});
