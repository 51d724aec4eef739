-- AlterTable
ALTER TABLE "HistoryEntry" ADD COLUMN     "messageKey" TEXT,
ADD COLUMN     "messageParams" JSONB;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "messageKey" TEXT,
ADD COLUMN     "messageParams" JSONB,
ALTER COLUMN "title" DROP NOT NULL;
