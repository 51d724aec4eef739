-- AlterTable
ALTER TABLE "ComplaintAction" ADD COLUMN     "nextEscalationAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "actionId" UUID;

-- CreateIndex
CREATE INDEX "ComplaintAction_status_dueAt_idx" ON "ComplaintAction"("status", "dueAt");

-- CreateIndex
CREATE INDEX "ComplaintAction_nextEscalationAt_idx" ON "ComplaintAction"("nextEscalationAt");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_actionId_reason_level_key" ON "Escalation"("actionId", "reason", "level");

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "ComplaintAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An escalation concerns exactly one complaint, one callback task or one action.
ALTER TABLE "Escalation" DROP CONSTRAINT "Escalation_one_subject_check";
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_one_subject_check" CHECK (num_nonnulls("interactionId", "callbackId", "actionId") = 1);

-- Open actions with a due time are looked at by the next sweep.
UPDATE "ComplaintAction" SET "nextEscalationAt" = "dueAt" WHERE "status" IN ('OPEN', 'IN_PROGRESS') AND "dueAt" IS NOT NULL;
