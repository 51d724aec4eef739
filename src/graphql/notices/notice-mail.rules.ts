import { noticeBodyText } from './notice-body.rules';

/**
 * The mail an urgent notice sends to its audience when it is published (SPEC §8). Chinese, as the customers are, like
 * the other customer mails (src/server/mail/customer-mail.ts); the body as plain text, the portal link to acknowledge.
 */
export function urgentNoticeMail(input: { title: string; body: string; url: string | null }): {
  subject: string;
  text: string;
} {
  const lines = [
    '尊敬的客户：',
    '',
    `我们发布了一则紧急公告：${input.title}`,
    '',
    noticeBodyText(input.body),
    '',
    input.url ? `请登录客户门户查看并确认：${input.url}` : '请登录客户门户查看并确认。',
    '',
    '此邮件由系统自动发送，请勿直接回复。',
  ];
  return { subject: `【紧急公告】${input.title}`, text: lines.join('\n') };
}
