import { TZDate } from '@date-fns/tz';

/** Chinese subject and body of the escalation notices (in-app notification and e-mail share them). */
export type EscalationNoticeInput = {
  reason: 'TRIAGE_OVERDUE' | 'DUE_SOON' | 'RESOLUTION_OVERDUE' | 'CALLBACK_OVERDUE' | 'CRISIS';
  level: number;
  number: string;
  subject: string;
  dueAt: Date | null;
  timeZone: string;
  /** Link to the record in the console, when the public URL is known. */
  url?: string | null;
};

const LEVEL_LABEL: Record<number, string> = { 1: '一级（负责人）', 2: '二级（部门负责人）', 3: '三级（客服部部长）', 4: '四级（总经理）' };

function formatLocal(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function escalationNotice(input: EscalationNoticeInput): { subject: string; text: string } {
  const ref = `${input.number}「${input.subject}」`;
  const due = input.dueAt ? formatLocal(input.dueAt, input.timeZone) : '—';
  const level = LEVEL_LABEL[input.level] ?? String(input.level);
  const [subject, lead] = ((): [string, string] => {
    switch (input.reason) {
      case 'TRIAGE_OVERDUE':
        return [`【分派超时】${input.number} 未在规定时间内确定责任部门`, `客诉 ${ref}应于 ${due} 前确定责任部门，至今未分派，请召集会议并尽快分派。`];
      case 'DUE_SOON':
        return [`【即将到期】${input.number} 处理期限将至`, `${ref}的处理期限为 ${due}，剩余不足规定的工作时间，请及时处理。`];
      case 'RESOLUTION_OVERDUE':
        return [`【处理逾期·${level}升级】${input.number}`, `${ref}的处理期限 ${due} 已过，现升级至${level}，请督促处理。`];
      case 'CALLBACK_OVERDUE':
        return [`【回访逾期】${input.number} 回访未按期完成`, `${ref}的回访应于 ${due} 前完成，至今未完成，请尽快回访客户。`];
      case 'CRISIS':
        return [`【危机客诉】${input.number} 请立即关注`, `${ref}被定为危机级客诉，按规定立即通报总经理，请即刻组织处理。`];
    }
  })();
  const link = input.url ? `\n\n查看：${input.url}` : '';
  return { subject, text: `${lead}${link}\n\n—— 客服通（系统自动发送，请勿直接回复）` };
}
