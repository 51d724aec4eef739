-- AlterTable
ALTER TABLE "KeyAccountObligation" ADD COLUMN     "callbackId" UUID,
ADD COLUMN     "completedById" UUID,
ADD COLUMN     "escalationLevel" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "rescheduleReason" TEXT;

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "obligationId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "KeyAccountObligation_callbackId_key" ON "KeyAccountObligation"("callbackId");

-- CreateIndex
CREATE INDEX "KeyAccountObligation_customerId_status_dueAt_id_idx" ON "KeyAccountObligation"("customerId", "status", "dueAt", "id");

-- CreateIndex
CREATE INDEX "KeyAccountObligation_kind_status_dueAt_id_idx" ON "KeyAccountObligation"("kind", "status", "dueAt", "id");

-- CreateIndex
CREATE INDEX "KeyAccountObligation_status_escalationLevel_dueAt_idx" ON "KeyAccountObligation"("status", "escalationLevel", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_obligationId_reason_level_key" ON "Escalation"("obligationId", "reason", "level");

-- AddForeignKey
ALTER TABLE "KeyAccountObligation" ADD CONSTRAINT "KeyAccountObligation_completedById_fkey" FOREIGN KEY ("completedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyAccountObligation" ADD CONSTRAINT "KeyAccountObligation_callbackId_fkey" FOREIGN KEY ("callbackId") REFERENCES "Callback"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_obligationId_fkey" FOREIGN KEY ("obligationId") REFERENCES "KeyAccountObligation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: an escalation now concerns exactly one complaint, callback task or key-account obligation.
ALTER TABLE "Escalation" DROP CONSTRAINT "Escalation_one_subject_check";
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_one_subject_check" CHECK (num_nonnulls("interactionId", "callbackId", "obligationId") = 1);
