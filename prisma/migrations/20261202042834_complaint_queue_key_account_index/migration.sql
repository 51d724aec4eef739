-- CreateIndex
CREATE INDEX "Interaction_isKeyAccount_status_idx" ON "Interaction"("isKeyAccount", "status");
