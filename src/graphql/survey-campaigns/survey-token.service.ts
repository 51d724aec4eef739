import 'server-only';
import { createHash, createHmac } from 'node:crypto';

/**
 * Personal survey links (SPEC §6: "each recipient gets a personal link (no login needed, one response per link)").
 *
 * token = base64url(HMAC-SHA256(secret, invitationId)), secret = KEFU_SURVEY_SECRET, else NEXTAUTH_SECRET. The token is
 * derived rather than random so reminders and the portal can rebuild the same link from the invitation id without
 * storing it; only its SHA-256 (`SurveyInvitation.tokenHash`) is stored, so a copy of the database holds no working
 * link. 256 bits of HMAC cannot be guessed; unknown tokens answer NOT_FOUND (and count against the caller's IP).
 * Changing the secret keeps old links working (their hashes are stored) but reminders would then carry new, unknown
 * tokens — set KEFU_SURVEY_SECRET to keep links stable across a NEXTAUTH_SECRET rotation.
 */
export function surveySecret(): string {
  const secret = process.env.KEFU_SURVEY_SECRET || process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('KEFU_SURVEY_SECRET or NEXTAUTH_SECRET must be set to sign survey links');
  return secret;
}

export function surveyToken(invitationId: string, secret: string = surveySecret()): string {
  return createHmac('sha256', secret).update(invitationId).digest('base64url');
}

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** 32 bytes in base64url without padding: 43 characters. Anything else is NOT_FOUND without a query. */
export const isWellFormedToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

/** The form's path, relative (the portal links to it on its own origin). */
export const surveyPath = (token: string): string => `/s/${token}`;

/** The absolute link sent by mail: NEXTAUTH_URL (the public URL of the app) + /s/<token>. */
export function surveyUrl(token: string): string {
  const base = (process.env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  return `${base}${surveyPath(token)}`;
}
