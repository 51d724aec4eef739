import 'server-only';
import { TZDate } from '@date-fns/tz';

/**
 * What the customer is told by e-mail as its record moves (SPEC §3/§4: the number at once; an unreasonable
 * requirement is explained and declined with the reason [000 §4.5]; "resolved (customer informed …)"; consultations
 * answered). Chinese, as the customers are; each mail names the record by its number and says where to follow it.
 */
export type CustomerNoticeEvent = 'RECEIVED' | 'DECLINED' | 'RESOLVED' | 'ANSWERED' | 'REOPENED';

export type CustomerNoticeInput = {
  event: CustomerNoticeEvent;
  number: string;
  type: 'CONSULTATION' | 'INQUIRY' | 'COMPLAINT' | 'SUGGESTION';
  subject: string;
  /** Greeting name: the contact person or the company. */
  recipientName: string | null;
  at: Date;
  timeZone: string;
  /** The decline reason, the answer, or the reason for reopening. */
  detail?: string | null;
  /** Link to the record: the portal page for account holders, /track for visitors. */
  url?: string | null;
  /** For visitors without an account: the status is looked up with the number and this phone. */
  trackWithPhone?: boolean;
  /** A resolution to confirm: the signed link that accepts or disputes it without signing in. */
  confirmUrl?: string | null;
};

const TYPE_LABEL: Record<CustomerNoticeInput['type'], string> = {
  CONSULTATION: '咨询',
  INQUIRY: '查询',
  COMPLAINT: '投诉',
  SUGGESTION: '建议',
};

function formatLocal(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function customerNotice(input: CustomerNoticeInput): { subject: string; text: string } {
  const kind = TYPE_LABEL[input.type];
  const ref = `${kind} ${input.number}「${input.subject}」`;
  const when = formatLocal(input.at, input.timeZone);
  const detail = input.detail?.trim();
  const [subject, body] = ((): [string, string] => {
    switch (input.event) {
      case 'RECEIVED':
        return [
          `【已受理】您的${kind}编号 ${input.number}`,
          `我们已于 ${when} 受理您的${ref}。我们将尽快处理，请保留受理编号以便查询进度。`,
        ];
      case 'DECLINED':
        return [
          `【处理结果】${input.number} 不予受理`,
          `经核实，您的${ref}不予受理。理由：${detail || '（见处理记录）'}\n如有疑问，请致电客户服务部，或登录客户门户提出。`,
        ];
      case 'RESOLVED':
        return [
          `【请确认】${input.number} 已处理完毕`,
          `您的${ref}已处理完毕，措施效果已经验证。${
            input.confirmUrl
              ? `请打开以下链接确认是否接受处理结果（无需登录）：\n${input.confirmUrl}\n`
              : '请登录客户门户确认是否接受处理结果；'
          }如有异议，我们将重新处理。我们将在 7 天内回访。`,
        ];
      case 'ANSWERED':
        return [`【答复】${input.number}`, `关于您的${ref}，答复如下：\n\n${detail || '（见处理记录）'}`];
      case 'REOPENED':
        return [
          `【重新处理】${input.number}`,
          `您的${ref}已重新打开，我们将重新调查处理。${detail ? `\n原因：${detail}` : ''}`,
        ];
    }
  })();
  const greeting = `${input.recipientName ? `${input.recipientName}，` : ''}您好：\n\n`;
  const track = input.url
    ? `\n\n查看处理进度：${input.url}${input.trackWithPhone ? '（请输入受理编号和提交时留下的联系电话）' : ''}`
    : '';
  return { subject, text: `${greeting}${body}${track}\n\n—— 客服通（系统自动发送，请勿直接回复）` };
}
