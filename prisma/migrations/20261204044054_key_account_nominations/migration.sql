-- CreateEnum
CREATE TYPE "NominationKind" AS ENUM ('NOMINATION', 'DOWNGRADE');

-- AlterEnum
ALTER TYPE "KeyAccountStatus" ADD VALUE 'UNDER_REVIEW';

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "keyAccountReviewedAt" TIMESTAMP(3),
ADD COLUMN     "regionalLandmark" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "regionalLandmarkReason" TEXT,
ADD COLUMN     "strategicPotential" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "strategicPotentialReason" TEXT;

-- AlterTable
ALTER TABLE "KeyAccountNomination" ADD COLUMN     "kind" "NominationKind" NOT NULL DEFAULT 'NOMINATION',
ADD COLUMN     "proposalReason" TEXT;

-- CreateIndex
CREATE INDEX "KeyAccountNomination_status_kind_proposedAt_id_idx" ON "KeyAccountNomination"("status", "kind", "proposedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "KeyAccountNomination_one_open_per_customer" ON "KeyAccountNomination"("customerId") WHERE ("status" = 'PROPOSED');
