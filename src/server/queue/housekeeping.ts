import 'server-only';
import { prisma } from '@/server/db';
import { removeExpiredPendingUploads } from '@/server/storage/pending-uploads';
import { storage } from '@/server/storage/storage';

/**
 * Upload temp files and empty folders older than this are orphans. Writing an attachment takes seconds; anything this
 * old belongs to an upload that failed or whose process died (storage.ts removeOrphans).
 */
export const UPLOAD_ORPHAN_AGE_MS = 10 * 60_000;
/**
 * SentMail rows are kept this long. A mail job can only be retried while pg-boss keeps it (its retention, 14 days by
 * default, and at most eight retries over about four hours): after that nobody asks for its key.
 */
export const SENT_MAIL_KEPT_DAYS = 30;

export type HousekeepingResult = {
  tempFiles: number;
  emptyFolders: number;
  sentMailPruned: number;
  pendingUploadsExpired: number;
};

/** Run when the workers start and by the hourly `housekeeping` job. Wall-clock time: file ages are real, not the app clock's. */
export async function runHousekeeping(now: Date = new Date()): Promise<HousekeepingResult> {
  const orphans = await storage().removeOrphans(new Date(now.getTime() - UPLOAD_ORPHAN_AGE_MS));
  const { count } = await prisma.sentMail.deleteMany({
    where: { sentAt: { lt: new Date(now.getTime() - SENT_MAIL_KEPT_DAYS * 24 * 3_600_000) } },
  });
  // Files uploaded through POST /api/uploads and never claimed by a record within the hour.
  const pending = await removeExpiredPendingUploads(now);
  return {
    tempFiles: orphans.files + pending.orphanFiles,
    emptyFolders: orphans.folders,
    sentMailPruned: count,
    pendingUploadsExpired: pending.uploads,
  };
}
