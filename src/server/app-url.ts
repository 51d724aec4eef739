import 'server-only';
/**
 * An absolute link into the application for mails (NEXTAUTH_URL is its public address; `npm start` sets it to
 * http://localhost:$PORT). Null when it is not known, and the mail then goes without a link rather than a wrong one.
 */
export function appUrl(path: string): string | null {
  const base = process.env.NEXTAUTH_URL;
  return base ? new URL(path, base).toString() : null;
}
