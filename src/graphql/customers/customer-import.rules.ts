/**
 * The import's limits, pure (no Prisma, no Node APIs) so the import dialog checks a file against the very numbers the
 * server enforces (customer.import.ts) instead of a copy of them.
 */

/** The largest file the import takes: 10 MiB (base64 makes an XLSX about 4/3 as long on the wire). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** At most this many data rows in one import (one transaction). */
export const IMPORT_MAX_ROWS = 5000;
