-- CreateIndex
CREATE INDEX "SurveyAnswer_campaignId_numericValue_questionId_choiceValue_idx" ON "SurveyAnswer"("campaignId", "numericValue", "questionId", "choiceValues");
