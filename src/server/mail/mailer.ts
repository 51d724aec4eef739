import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';

/**
 * Outgoing mail over SMTP. SMTP_URL (e.g. smtp://localhost:2525, smtps://user:pass@mail.example.cn:465) chooses the
 * server; without it nothing is sent and each mail is logged instead, so a demo or a developer machine needs no mail
 * server. MAIL_FROM is the sender.
 *
 * One pooled transport per process: up to MAIL_SMTP_CONNECTIONS (default 10) connections kept open and reused for
 * many messages, so a queue of thousands goes out at the speed of the SMTP server instead of one handshake per mail.
 * Options in SMTP_URL's query string (`?maxConnections=2&rateLimit=10`, nodemailer's names) take precedence.
 */
export const DEFAULT_MAIL_FROM = '客服通 <noreply@kefu.local>';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  /** Files sent with the mail (the periodic report's PDF). */
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
};
export type SendResult = { sent: true; messageId: string } | { sent: false; reason: 'SMTP_URL not set' };

const DEFAULT_CONNECTIONS = 10;

/**
 * SMTP connections of the pool, and so the number of mails in flight at once. Each message costs the server a few
 * round trips, so throughput grows with connections until the server or the network is busy: 10 by default (about
 * twice the rate of nodemailer's 5 on a loaded machine); lower it for a relay that limits connections per client.
 */
export function smtpConnections(): number {
  const n = Number(process.env.MAIL_SMTP_CONNECTIONS ?? DEFAULT_CONNECTIONS);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_CONNECTIONS;
}

// Bounded waits, so a mail batch always ends well within its job's expiry (MAIL_EXPIRE_SECONDS): nodemailer's own
// defaults wait up to 2 minutes for a connection and 10 minutes on a silent socket.
const POOL_DEFAULTS: Record<string, string> = {
  pool: 'true',
  connectionTimeout: '10000',
  greetingTimeout: '10000',
  socketTimeout: '30000',
};

/** SMTP_URL with the pool's options added (those already in the URL are kept). */
export function pooledUrl(url: string): string {
  const parsed = new URL(url);
  const defaults = { ...POOL_DEFAULTS, maxConnections: String(smtpConnections()) };
  for (const [name, value] of Object.entries(defaults))
    if (!parsed.searchParams.has(name)) parsed.searchParams.set(name, value);
  return parsed.toString();
}

// On globalThis: two copies of the server modules in one process (Next's bundle and the custom server) share one pool.
const globalForMail = globalThis as unknown as { kefuMailer?: { url: string; transport: Transporter } };

function transportFor(url: string): Transporter {
  const cached = globalForMail.kefuMailer;
  if (cached?.url === url) return cached.transport;
  cached?.transport.close();
  const transport = nodemailer.createTransport(pooledUrl(url));
  globalForMail.kefuMailer = { url, transport };
  return transport;
}

export async function sendMail(mail: OutgoingMail): Promise<SendResult> {
  const url = process.env.SMTP_URL;
  if (!url) {
    console.info(`[mail] SMTP_URL is not set — not sent, job marked done: to=${mail.to} subject="${mail.subject}"`);
    return { sent: false, reason: 'SMTP_URL not set' };
  }
  const info = (await transportFor(url).sendMail({ from: process.env.MAIL_FROM ?? DEFAULT_MAIL_FROM, ...mail })) as {
    messageId: string;
  };
  return { sent: true, messageId: info.messageId };
}

/** Closes the pooled SMTP connections (tests, shutdown). */
export function closeMailer(): void {
  globalForMail.kefuMailer?.transport.close();
  globalForMail.kefuMailer = undefined;
}
