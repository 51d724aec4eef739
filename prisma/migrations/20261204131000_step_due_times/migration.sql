-- AlterTable
ALTER TABLE "Interaction" ADD COLUMN     "stepDueAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SlaRule" ADD COLUMN     "stepHours" JSONB NOT NULL DEFAULT '{}';
