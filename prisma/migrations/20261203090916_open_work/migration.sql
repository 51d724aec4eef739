-- AlterTable, by hand: schema.prisma declares these two as plain optional booleans (it cannot say GENERATED), so Prisma
-- reads and filters them but never writes them. PostgreSQL derives them from status and type on every write, so they
-- cannot drift. A generation expression cannot name another generated column, hence the status list twice.
-- Closed = RESOLVED, FOLLOW_UP_DONE, CLOSED, REJECTED (complaint-queue.service.ts CLOSED_STATES, escalation.rules.ts isSettled).
ALTER TABLE "Interaction"
  ADD COLUMN "isOpen" BOOLEAN GENERATED ALWAYS AS ("status" NOT IN ('RESOLVED', 'FOLLOW_UP_DONE', 'CLOSED', 'REJECTED')) STORED,
  ADD COLUMN "isOpenComplaint" BOOLEAN GENERATED ALWAYS AS ("type" = 'COMPLAINT' AND "status" NOT IN ('RESOLVED', 'FOLLOW_UP_DONE', 'CLOSED', 'REJECTED')) STORED;

-- CreateIndex
CREATE INDEX "Interaction_open_complaint_due_idx" ON "Interaction"("resolutionDueAt", "id") WHERE ("isOpenComplaint");

-- CreateIndex
CREATE INDEX "Interaction_open_complaint_owner_idx" ON "Interaction"("ownerId", "resolutionDueAt", "id") WHERE ("isOpenComplaint");

-- CreateIndex
CREATE INDEX "Interaction_open_complaint_department_idx" ON "Interaction"("responsibleDepartmentId", "resolutionDueAt", "id") WHERE ("isOpenComplaint");

-- CreateIndex
CREATE INDEX "Interaction_open_complaint_customer_idx" ON "Interaction"("customerId", "resolutionDueAt", "id") WHERE ("isOpenComplaint");

-- CreateIndex
CREATE INDEX "Interaction_open_complaint_created_idx" ON "Interaction"("createdAt", "id") WHERE ("isOpenComplaint");

-- CreateIndex
CREATE INDEX "Interaction_open_complaint_counts_idx" ON "Interaction"("responsibleDepartmentId", "ownerId", "severity", "resolutionDueAt", "triageDueAt", "causeClass", "isKeyAccount", "status", "customerId", "createdAt", "id") WHERE ("isOpenComplaint");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_id_idx" ON "Notification"("userId", "createdAt", "id");

-- CreateIndex, by hand: the "by severity" order of the work queues is severity DESC NULLS LAST (untriaged last), then
-- most urgent first; an index must store that NULLS LAST for the order to be read from it, and schema.prisma cannot say
-- NULLS LAST. Listed in HAND_WRITTEN_INDEXES of tests/integration/migrations.test.ts.
CREATE INDEX "Interaction_open_complaint_severity_idx" ON "Interaction"("severity" DESC NULLS LAST, "resolutionDueAt", "id") WHERE ("isOpenComplaint");

-- The planner needs statistics on the new columns to choose the partial indexes; the table rewrite above left none
-- until autovacuum's next analyze.
ANALYZE "Interaction";
