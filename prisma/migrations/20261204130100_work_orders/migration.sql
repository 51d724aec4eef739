-- CreateEnum
CREATE TYPE "WorkOrderOrigin" AS ENUM ('MANUAL', 'INTERACTION', 'COMPLAINT', 'OBLIGATION');

-- CreateEnum
CREATE TYPE "WorkOrderPriority" AS ENUM ('LOW', 'NORMAL', 'HIGH', 'URGENT');

-- CreateEnum
CREATE TYPE "WarrantyKind" AS ENUM ('RETURN', 'REPLACE', 'REPAIR');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "WorkOrderStatus" ADD VALUE 'ACCEPTED';
ALTER TYPE "WorkOrderStatus" ADD VALUE 'REPORTED';

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "workOrderId" UUID;

-- AlterTable
ALTER TABLE "WorkOrder" ADD COLUMN     "acceptedAt" TIMESTAMP(3),
ADD COLUMN     "arrivedAt" TIMESTAMP(3),
ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "complaintId" UUID,
ADD COLUMN     "customerConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "customerFeedback" TEXT,
ADD COLUMN     "customerSignoffPhone" TEXT,
ADD COLUMN     "departedAt" TIMESTAMP(3),
ADD COLUMN     "equipment" TEXT,
ADD COLUMN     "escalationLevel" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "finishedAt" TIMESTAMP(3),
ADD COLUMN     "obligationId" UUID,
ADD COLUMN     "onSiteComplaint" TEXT,
ADD COLUMN     "onSiteComplaintAt" TIMESTAMP(3),
ADD COLUMN     "onSiteComplaintDueAt" TIMESTAMP(3),
ADD COLUMN     "origin" "WorkOrderOrigin" NOT NULL DEFAULT 'MANUAL',
ADD COLUMN     "priority" "WorkOrderPriority" NOT NULL DEFAULT 'NORMAL',
ADD COLUMN     "reportedAt" TIMESTAMP(3),
ADD COLUMN     "requestedAt" TIMESTAMP(3),
ADD COLUMN     "signatureKey" TEXT,
ADD COLUMN     "signatureMimeType" TEXT,
ADD COLUMN     "siteAddress" TEXT;

-- CreateTable
CREATE TABLE "WorkOrderWarrantyLine" (
    "id" UUID NOT NULL,
    "workOrderId" UUID NOT NULL,
    "kind" "WarrantyKind" NOT NULL,
    "part" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "cost" DECIMAL(14,2) NOT NULL,
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkOrderWarrantyLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkOrderWarrantyLine_workOrderId_createdAt_idx" ON "WorkOrderWarrantyLine"("workOrderId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_workOrderId_reason_level_key" ON "Escalation"("workOrderId", "reason", "level");

-- CreateIndex
CREATE INDEX "WorkOrder_createdAt_id_idx" ON "WorkOrder"("createdAt", "id");

-- CreateIndex
CREATE INDEX "WorkOrder_technicianId_scheduledAt_idx" ON "WorkOrder"("technicianId", "scheduledAt");

-- CreateIndex
CREATE INDEX "WorkOrder_finishedAt_technicianId_idx" ON "WorkOrder"("finishedAt", "technicianId");

-- CreateIndex
CREATE INDEX "WorkOrder_customerId_equipment_finishedAt_idx" ON "WorkOrder"("customerId", "equipment", "finishedAt");

-- CreateIndex
CREATE INDEX "WorkOrder_onSiteComplaintDueAt_idx" ON "WorkOrder"("onSiteComplaintDueAt");

-- CreateIndex
CREATE INDEX "WorkOrder_interactionId_idx" ON "WorkOrder"("interactionId");

-- CreateIndex
CREATE INDEX "WorkOrder_complaintId_idx" ON "WorkOrder"("complaintId");

-- CreateIndex
CREATE INDEX "WorkOrder_obligationId_idx" ON "WorkOrder"("obligationId");

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_obligationId_fkey" FOREIGN KEY ("obligationId") REFERENCES "KeyAccountObligation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Interaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrderWarrantyLine" ADD CONSTRAINT "WorkOrderWarrantyLine_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An escalation concerns exactly one subject: now also a work order's unregistered on-site complaint (issue 13).
ALTER TABLE "Escalation" DROP CONSTRAINT "Escalation_one_subject_check";
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_one_subject_check" CHECK (num_nonnulls("interactionId", "callbackId", "actionId", "obligationId", "workOrderId") = 1);
