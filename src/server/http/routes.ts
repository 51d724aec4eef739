import 'server-only';
/** Paths Next serves from the build without touching the database: never queued behind interactive work. */
export function isStaticPath(path: string): boolean {
  return (
    path.startsWith('/_next/static/') ||
    path.startsWith('/_next/image') ||
    path === '/favicon.ico' ||
    path === '/icon.svg' ||
    path === '/robots.txt'
  );
}

/**
 * Downloads that read a lot (CSV/Excel exports, PDF reports and documents): they run on the reports pool behind a
 * gate of their own, so a manager exporting a year of data never takes the connections the work queues need.
 */
const REPORT_PATHS = [
  /^\/api\/customers\/export$/,
  /^\/api\/reports\//,
  /^\/api\/surveys\/(analysis\/export|report|responses\/export)$/,
  /^\/api\/complaints\/[^/]+\/[^/]+\.pdf$/,
];

export function isReportPath(path: string): boolean {
  return REPORT_PATHS.some((pattern) => pattern.test(path));
}
