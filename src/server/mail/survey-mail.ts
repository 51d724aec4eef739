import 'server-only';
import { TZDate } from '@date-fns/tz';

/**
 * Chinese texts of the survey mails (SPEC §6: personal link, reminders): the invitation to fill in the
 * 《认证客户满意度调查表》-style survey and the reminder to those who have not answered yet. The link is the customer's
 * personal one (no login needed); the closing time is shown in the company's time zone.
 */
export type SurveyMailInput = {
  kind: 'INVITATION' | 'REMINDER';
  customerName: string;
  campaignName: string;
  closesAt: Date;
  url: string;
  timeZone: string;
};

function formatLocal(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function surveyMail(input: SurveyMailInput): { subject: string; text: string } {
  const closes = formatLocal(input.closesAt, input.timeZone);
  const greeting = `尊敬的${input.customerName}：`;
  const footer =
    '本链接为贵单位专用，无需登录，每个链接只能提交一次；如已通过电话或传真反馈，请忽略本邮件。\n\n—— 客服通（系统自动发送，请勿直接回复）';
  switch (input.kind) {
    case 'INVITATION':
      return {
        subject: `【满意度调查】${input.campaignName}`,
        text: `${greeting}\n\n感谢贵单位一直以来的信任与支持。为持续改进我们的服务，诚邀您填写「${input.campaignName}」，约需 3 分钟。\n\n填写链接：${input.url}\n截止时间：${closes}\n\n您的意见将用于我们的服务改进。${footer}`,
      };
    case 'REMINDER':
      return {
        subject: `【提醒】${input.campaignName} 尚未填写`,
        text: `${greeting}\n\n我们尚未收到贵单位对「${input.campaignName}」的反馈。调查将于 ${closes} 截止，恳请拨冗填写。\n\n填写链接：${input.url}\n\n${footer}`,
      };
  }
}
