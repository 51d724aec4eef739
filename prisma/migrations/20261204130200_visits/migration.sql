-- CreateEnum
CREATE TYPE "VisitLogKind" AS ENUM ('VISIT', 'PHONE');

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "itineraryId" UUID;

-- AlterTable
ALTER TABLE "VisitCycle" ADD COLUMN     "customIntervalDays" INTEGER,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Itinerary" ADD COLUMN     "deadlineAt" TIMESTAMP(3),
ADD COLUMN     "escalationLevel" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "late" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "ItineraryItem" ADD COLUMN     "contactName" TEXT,
ADD COLUMN     "contactPhone" TEXT;

-- AlterTable
ALTER TABLE "VisitLog" ADD COLUMN     "contactName" TEXT,
ADD COLUMN     "customerNeeds" TEXT,
ADD COLUMN     "interactionId" UUID,
ADD COLUMN     "kind" "VisitLogKind" NOT NULL DEFAULT 'VISIT',
ADD COLUMN     "problemsFound" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_itineraryId_reason_level_key" ON "Escalation"("itineraryId", "reason", "level");

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_itineraryId_fkey" FOREIGN KEY ("itineraryId") REFERENCES "Itinerary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitLog" ADD CONSTRAINT "VisitLog_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Itinerary_weekStart_status_idx" ON "Itinerary"("weekStart", "status");

-- An escalation concerns exactly one complaint, one callback task, one complaint action, one key-account obligation or
-- one weekly itinerary (ITINERARY_LATE).
ALTER TABLE "Escalation" DROP CONSTRAINT "Escalation_one_subject_check";
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_one_subject_check" CHECK (num_nonnulls("interactionId", "callbackId", "actionId", "obligationId", "itineraryId") = 1);
