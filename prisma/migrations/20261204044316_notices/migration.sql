-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('DRAFT', 'PENDING_APPROVAL', 'PUBLISHED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" UUID,
ADD COLUMN     "mailedAt" TIMESTAMP(3),
ADD COLUMN     "publishAt" TIMESTAMP(3),
ADD COLUMN     "status" "NoticeStatus" NOT NULL DEFAULT 'DRAFT',
ADD COLUMN     "submittedAt" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "NoticeReceipt" (
    "id" UUID NOT NULL,
    "noticeId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "customerId" UUID,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),

    CONSTRAINT "NoticeReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NoticeReceipt_userId_idx" ON "NoticeReceipt"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeReceipt_noticeId_userId_key" ON "NoticeReceipt"("noticeId", "userId");

-- CreateIndex
CREATE INDEX "Notice_status_publishAt_idx" ON "Notice"("status", "publishAt");

-- CreateIndex
CREATE INDEX "Notice_createdAt_id_idx" ON "Notice"("createdAt", "id");

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeReceipt" ADD CONSTRAINT "NoticeReceipt_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeReceipt" ADD CONSTRAINT "NoticeReceipt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
