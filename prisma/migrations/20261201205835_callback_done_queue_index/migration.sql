-- CreateIndex
CREATE INDEX "Callback_status_completedAt_idx" ON "Callback"("status", "completedAt");
