-- AlterTable
ALTER TABLE "Interaction" ADD COLUMN     "escalationChangedAt" TIMESTAMP(3),
ADD COLUMN     "nextEscalationAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "mailedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Callback" ADD COLUMN     "escalationChangedAt" TIMESTAMP(3),
ADD COLUMN     "nextEscalationAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SentMail" (
    "key" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "ref" TEXT,
    "messageId" TEXT,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentMail_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "JobState" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobState_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SentMail_sentAt_idx" ON "SentMail"("sentAt");

-- CreateIndex
CREATE INDEX "Interaction_nextEscalationAt_idx" ON "Interaction"("nextEscalationAt");

-- CreateIndex
CREATE INDEX "Interaction_escalationChangedAt_idx" ON "Interaction"("escalationChangedAt");

-- CreateIndex
CREATE INDEX "Escalation_mailedAt_idx" ON "Escalation"("mailedAt");

-- CreateIndex
CREATE INDEX "Callback_nextEscalationAt_idx" ON "Callback"("nextEscalationAt");

-- CreateIndex
CREATE INDEX "Callback_escalationChangedAt_idx" ON "Callback"("escalationChangedAt");

-- Hand-written: what the columns start from, and the triggers that keep "escalationChangedAt" true to its meaning.

-- Escalations taken before this migration were mailed one mail per step, in their own transaction.
UPDATE "Escalation" SET "mailedAt" = "createdAt";

-- Every record the sweep may still have to look at is looked at once by the first sweep after the upgrade: open ones,
-- resolved ones (their callback), and any with a pending callback task. Closed history is never read again.
UPDATE "Interaction" i SET "escalationChangedAt" = CURRENT_TIMESTAMP
 WHERE i.status NOT IN ('FOLLOW_UP_DONE', 'CLOSED', 'REJECTED')
    OR EXISTS (SELECT 1 FROM "Callback" c WHERE c."interactionId" = i.id AND c.status = 'PENDING');
UPDATE "Callback" SET "escalationChangedAt" = CURRENT_TIMESTAMP WHERE "interactionId" IS NULL AND status = 'PENDING';

-- Any write that changes an input of the escalation rules (escalation.rules.ts: status, severity, department, the
-- three due times) marks the record for the next sweep, whichever code path wrote it. A record inserted as
-- finished history (an import, a seed) has nothing to escalate and is not marked.
CREATE FUNCTION "interaction_escalation_inputs_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status NOT IN ('FOLLOW_UP_DONE', 'CLOSED', 'REJECTED') THEN
      NEW."escalationChangedAt" := clock_timestamp();
    END IF;
  ELSIF NEW.status IS DISTINCT FROM OLD.status
     OR NEW.severity IS DISTINCT FROM OLD.severity
     OR NEW."responsibleDepartmentId" IS DISTINCT FROM OLD."responsibleDepartmentId"
     OR NEW."triageDueAt" IS DISTINCT FROM OLD."triageDueAt"
     OR NEW."resolutionDueAt" IS DISTINCT FROM OLD."resolutionDueAt"
     OR NEW."callbackDueAt" IS DISTINCT FROM OLD."callbackDueAt" THEN
    NEW."escalationChangedAt" := clock_timestamp();
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Interaction_escalation_inputs"
  BEFORE INSERT OR UPDATE ON "Interaction"
  FOR EACH ROW EXECUTE FUNCTION "interaction_escalation_inputs_changed"();

-- A callback task's status or due time is an input too: of its complaint's CALLBACK_OVERDUE, or of its own when it
-- follows up no complaint.
CREATE FUNCTION "callback_escalation_inputs_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "Interaction" SET "escalationChangedAt" = clock_timestamp() WHERE id = OLD."interactionId";
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.status IS NOT DISTINCT FROM OLD.status AND NEW."dueAt" IS NOT DISTINCT FROM OLD."dueAt"
       AND NEW."interactionId" IS NOT DISTINCT FROM OLD."interactionId" THEN
      RETURN NEW;
    END IF;
    IF OLD."interactionId" IS DISTINCT FROM NEW."interactionId" THEN
      UPDATE "Interaction" SET "escalationChangedAt" = clock_timestamp() WHERE id = OLD."interactionId";
    END IF;
  END IF;
  IF NEW."interactionId" IS NULL THEN
    NEW."escalationChangedAt" := clock_timestamp();
  ELSE
    UPDATE "Interaction" SET "escalationChangedAt" = clock_timestamp() WHERE id = NEW."interactionId";
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Callback_escalation_inputs"
  BEFORE INSERT OR UPDATE OR DELETE ON "Callback"
  FOR EACH ROW EXECUTE FUNCTION "callback_escalation_inputs_changed"();
