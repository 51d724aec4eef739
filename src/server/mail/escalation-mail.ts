import 'server-only';
import { TZDate } from '@date-fns/tz';
import type { EscalationReason } from '@/server/domain-registry';

/** Chinese subject and body of the escalation notices (in-app notification and e-mail share them). */
export type EscalationNoticeInput = {
  /** A complaint's or callback task's step, or an overdue key-account obligation (its own ladder: owner, managers). */
  reason: EscalationReason | 'OBLIGATION_OVERDUE';
  level: number;
  number: string;
  subject: string;
  dueAt: Date | null;
  timeZone: string;
  /** Link to the record in the console, when the public URL is known. */
  url?: string | null;
};

const LEVEL_LABEL: Record<number, string> = {
  1: '一级（负责人）',
  2: '二级（部门负责人）',
  3: '三级（客服部部长）',
  4: '四级（总经理）',
};

// An action's ladder, and an overdue step's, end with quality (escalation.rules.ts ACTION_LADDER).
const ACTION_LEVEL_LABEL: Record<number, string> = {
  1: '一级（负责人）',
  2: '二级（部门负责人）',
  3: '三级（质量经理）',
};

// An overdue key-account obligation's ladder (key-account-obligation.service.ts sweepObligations).
const OBLIGATION_LEVEL_LABEL: Record<number, string> = {
  1: '一级（负责人）',
  2: '二级（客服经理）',
};

/** The obligation kinds' names in the mail (as messages/zh-CN/keyAccountObligations.json names them). */
export const OBLIGATION_KIND_LABEL: Record<string, string> = {
  CALLBACK: '电话回访',
  LEADERSHIP_VISIT: '领导走访',
  QUALITY_REPORT: '质量分析报告',
  TRAINING: '培训',
  PRICING_REVIEW: '优惠价格说明',
  EXCHANGE_SUMMARY: '客户服务交流信息',
};

export function formatLocal(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The notice's subject line and its one-paragraph lead (what is late, since when, what to do). */
function noticeParts(input: EscalationNoticeInput): { subject: string; lead: string } {
  const ref = `${input.number}「${input.subject}」`;
  const due = input.dueAt ? formatLocal(input.dueAt, input.timeZone) : '—';
  const level = LEVEL_LABEL[input.level] ?? String(input.level);
  switch (input.reason) {
    case 'TRIAGE_OVERDUE':
      return {
        subject: `【分派超时】${input.number} 未在规定时间内确定责任部门`,
        lead: `客诉 ${ref}应于 ${due} 前确定责任部门，至今未分派，请召集会议并尽快分派。`,
      };
    case 'DUE_SOON':
      return {
        subject: `【即将到期】${input.number} 处理期限将至`,
        lead: `${ref}的处理期限为 ${due}，剩余不足规定的工作时间，请及时处理。`,
      };
    case 'RESOLUTION_OVERDUE':
      return {
        subject: `【处理逾期·${level}升级】${input.number}`,
        lead: `${ref}的处理期限 ${due} 已过，现升级至${level}，请督促处理。`,
      };
    case 'CALLBACK_OVERDUE':
      return {
        subject: `【回访逾期】${input.number} 回访未按期完成`,
        lead: `${ref}的回访应于 ${due} 前完成，至今未完成，请尽快回访客户。`,
      };
    case 'ACTION_OVERDUE': {
      const actionLevel = ACTION_LEVEL_LABEL[input.level] ?? String(input.level);
      return {
        subject: `【措施逾期·${actionLevel}】${input.number} 措施未按期完成`,
        lead: `${input.number} 的措施「${input.subject}」应于 ${due} 前完成，至今未完成，现升级至${actionLevel}，请督促落实。`,
      };
    }
    case 'STEP_OVERDUE': {
      const stepLevel = ACTION_LEVEL_LABEL[input.level] ?? String(input.level);
      return {
        subject: `【环节逾期·${stepLevel}】${input.number} 当前环节未按期完成`,
        lead: `${ref}当前环节应于 ${due} 前完成，至今未完成，现升级至${stepLevel}，请督促推进。`,
      };
    }
    case 'OBLIGATION_OVERDUE': {
      const obligationLevel = OBLIGATION_LEVEL_LABEL[input.level] ?? String(input.level);
      return {
        subject: `【重要客户服务事项逾期·${obligationLevel}】${input.number}「${input.subject}」`,
        lead: `重要协议客户 ${input.number} 的服务事项「${input.subject}」应于 ${due} 前完成，至今未完成，现升级至${obligationLevel}，请尽快安排。`,
      };
    }
    case 'CRISIS':
      return {
        subject: `【危机客诉】${input.number} 请立即关注`,
        lead: `${ref}被定为危机级客诉，按规定立即通报总经理，请即刻组织处理。`,
      };
  }
}

const FOOTER = '\n\n—— 客服通（系统自动发送，请勿直接回复）';

export function escalationNotice(input: EscalationNoticeInput): { subject: string; text: string } {
  const { subject, lead } = noticeParts(input);
  const link = input.url ? `\n\n查看：${input.url}` : '';
  return { subject, text: `${lead}${link}${FOOTER}` };
}

// Most urgent first in a digest: a crisis, then the higher levels of the overdue ladders, then the rest.
const REASON_ORDER: Record<EscalationNoticeInput['reason'], number> = {
  CRISIS: 0,
  RESOLUTION_OVERDUE: 1,
  TRIAGE_OVERDUE: 2,
  CALLBACK_OVERDUE: 3,
  ACTION_OVERDUE: 3,
  STEP_OVERDUE: 3,
  OBLIGATION_OVERDUE: 3,
  DUE_SOON: 4,
};

/**
 * One mail for everything a sweep escalated to one person: a single item is the ordinary notice; several are listed
 * in one digest, most urgent first, each with its subject line, lead and link — so a sweep over a backlog sends each
 * manager one mail instead of dozens.
 */
export function escalationDigest(items: readonly EscalationNoticeInput[]): { subject: string; text: string } {
  if (items.length === 0) throw new Error('escalationDigest: no items');
  if (items.length === 1) return escalationNotice(items[0]!);
  const sorted = [...items].sort(
    (a, b) => REASON_ORDER[a.reason] - REASON_ORDER[b.reason] || b.level - a.level || a.number.localeCompare(b.number),
  );
  const crises = sorted.filter((i) => i.reason === 'CRISIS').length;
  const subject = `【升级汇总】${items.length} 项待您关注${crises > 0 ? `（含危机客诉 ${crises} 项）` : ''}：${sorted[0]!.number} 等`;
  const entries = sorted.map((item, index) => {
    const { subject: line, lead } = noticeParts(item);
    return `${index + 1}. ${line}\n   ${lead}${item.url ? `\n   查看：${item.url}` : ''}`;
  });
  return {
    subject,
    text: `以下 ${items.length} 项已到期、逾期或升级，请及时处理：\n\n${entries.join('\n\n')}${FOOTER}`,
  };
}
