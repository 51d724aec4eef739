-- DropIndex
DROP INDEX "Interaction_customerId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Interaction_customerId_createdAt_id_idx" ON "Interaction"("customerId", "createdAt", "id");
