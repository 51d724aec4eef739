import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Links that act without a sign-in (a resolution to confirm from the mail): `<id><HMAC>` (the 36-character UUID, then
 * 43 characters of base64url; no dot, which would make the path look like a file's), the HMAC over a purpose,
 * the id and what the link is bound to (e.g. the resolution's time), so a link works only for the state it was sent
 * for and a survey token can never pass as one. Signed with the secret of the personal survey links
 * (KEFU_SURVEY_SECRET, else NEXTAUTH_SECRET): one secret to keep for every link that leaves by mail.
 */
export function linkSecret(): string {
  const secret = process.env.KEFU_SURVEY_SECRET || process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('KEFU_SURVEY_SECRET or NEXTAUTH_SECRET must be set to sign links');
  return secret;
}

const mac = (purpose: string, id: string, boundTo: string, secret: string) =>
  createHmac('sha256', secret).update(`${purpose}\n${id}\n${boundTo}`).digest('base64url');

export function signLink(purpose: string, id: string, boundTo: string, secret: string = linkSecret()): string {
  return `${id}${mac(purpose, id, boundTo, secret)}`;
}

/** The id a link names, before anything is read: null when it is not of the form `<UUID><43 characters>`. */
export function linkId(token: string): string | null {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[A-Za-z0-9_-]{43}$/.exec(token);
  return match ? match[1]! : null;
}

/** Whether `token` was signed for this purpose, id and state (constant-time). */
export function verifyLink(
  token: string,
  purpose: string,
  id: string,
  boundTo: string,
  secret: string = linkSecret(),
): boolean {
  const expected = Buffer.from(signLink(purpose, id, boundTo, secret));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
