import nodemailer, { type Transporter } from 'nodemailer';

/**
 * Outgoing mail over SMTP. SMTP_URL (e.g. smtp://localhost:2525, smtps://user:pass@mail.example.cn:465) chooses the
 * server; without it nothing is sent and each mail is logged instead, so a demo or a developer machine needs no mail
 * server. MAIL_FROM is the sender.
 */
export const DEFAULT_MAIL_FROM = '客服通 <noreply@kefu.local>';

export type OutgoingMail = { to: string; subject: string; text: string };
export type SendResult = { sent: true; messageId: string } | { sent: false; reason: 'SMTP_URL not set' };

let cached: { url: string; transport: Transporter } | undefined;

function transportFor(url: string): Transporter {
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = { url, transport: nodemailer.createTransport(url) };
  }
  return cached.transport;
}

export async function sendMail(mail: OutgoingMail): Promise<SendResult> {
  const url = process.env.SMTP_URL;
  if (!url) {
    console.info(`[mail] SMTP_URL is not set — not sent, job marked done: to=${mail.to} subject="${mail.subject}"`);
    return { sent: false, reason: 'SMTP_URL not set' };
  }
  const info = (await transportFor(url).sendMail({ from: process.env.MAIL_FROM ?? DEFAULT_MAIL_FROM, ...mail })) as { messageId: string };
  return { sent: true, messageId: info.messageId };
}

/** Closes the pooled SMTP connection (tests, shutdown). */
export function closeMailer(): void {
  cached?.transport.close();
  cached = undefined;
}
