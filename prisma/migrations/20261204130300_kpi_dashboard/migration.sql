-- CreateIndex
CREATE INDEX "Interaction_productRef_idx" ON "Interaction"("productRef");
