-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "gradeOverriddenAt" TIMESTAMP(3),
ADD COLUMN     "gradeOverrideReason" TEXT;

-- CreateIndex
CREATE INDEX "CustomerGradeEvaluation_evaluatorId_idx" ON "CustomerGradeEvaluation"("evaluatorId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerGradeEvaluation_customerId_period_key" ON "CustomerGradeEvaluation"("customerId", "period");
