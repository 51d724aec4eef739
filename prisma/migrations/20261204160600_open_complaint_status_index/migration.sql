-- CreateIndex
CREATE INDEX "Interaction_open_complaint_status_idx" ON "Interaction"("status", "resolutionDueAt", "id") WHERE ("isOpenComplaint");
