-- CreateEnum
CREATE TYPE "CallbackOutcome" AS ENUM ('NO_PROBLEM', 'REOPENED', 'NEW_COMPLAINT', 'UNREACHABLE');

-- AlterEnum
ALTER TYPE "CallbackReason" ADD VALUE 'SURVEY_FOLLOW_UP';

-- AlterTable
ALTER TABLE "Interaction" ADD COLUMN     "surveyResponseId" UUID;

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "callbackId" UUID,
ALTER COLUMN "interactionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Callback" ADD COLUMN     "completedById" UUID,
ADD COLUMN     "notes" TEXT,
ADD COLUMN     "outcome" "CallbackOutcome",
ADD COLUMN     "surveyResponseId" UUID;

-- AlterTable
ALTER TABLE "SurveyTemplate" ADD COLUMN     "nameEn" TEXT;

-- AlterTable
ALTER TABLE "SurveySection" ADD COLUMN     "titleEn" TEXT;

-- AlterTable
ALTER TABLE "SurveyDimension" ADD COLUMN     "nameEn" TEXT,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "SurveyQuestion" ADD COLUMN     "textEn" TEXT;

-- AlterTable
ALTER TABLE "SurveyCampaign" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "description" TEXT,
ADD COLUMN     "launchedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SurveyResponse" ADD COLUMN     "indexScore" DECIMAL(5,2),
ADD COLUMN     "lowScore" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "SurveyAnswer" ADD COLUMN     "campaignId" UUID NOT NULL;

-- CreateIndex
CREATE INDEX "Interaction_surveyResponseId_idx" ON "Interaction"("surveyResponseId");

-- CreateIndex
CREATE INDEX "Interaction_closedAt_idx" ON "Interaction"("closedAt");

-- CreateIndex
CREATE INDEX "Interaction_resolvedAt_idx" ON "Interaction"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_callbackId_reason_level_key" ON "Escalation"("callbackId", "reason", "level");

-- CreateIndex
CREATE INDEX "Callback_surveyResponseId_idx" ON "Callback"("surveyResponseId");

-- CreateIndex
CREATE INDEX "SurveyCampaign_templateId_idx" ON "SurveyCampaign"("templateId");

-- CreateIndex
CREATE INDEX "SurveyResponse_campaignId_lowScore_idx" ON "SurveyResponse"("campaignId", "lowScore");

-- CreateIndex
CREATE INDEX "SurveyAnswer_campaignId_questionId_numericValue_idx" ON "SurveyAnswer"("campaignId", "questionId", "numericValue");

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_surveyResponseId_fkey" FOREIGN KEY ("surveyResponseId") REFERENCES "SurveyResponse"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_callbackId_fkey" FOREIGN KEY ("callbackId") REFERENCES "Callback"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Callback" ADD CONSTRAINT "Callback_completedById_fkey" FOREIGN KEY ("completedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Callback" ADD CONSTRAINT "Callback_surveyResponseId_fkey" FOREIGN KEY ("surveyResponseId") REFERENCES "SurveyResponse"("id") ON DELETE SET NULL ON UPDATE CASCADE;
