-- Hand-written order: the month key is computed by the refresh (in the company time zone), so the facts are rebuilt —
-- every complaint marked, the calendar fingerprint (which now includes the time zone) reset.
DELETE FROM "ComplaintKpiFact";
UPDATE "KpiFactState" SET "calendarKey" = NULL, "repeatStale" = FALSE;
INSERT INTO "KpiFactDirty" ("interactionId", "seq")
SELECT "id", nextval('"KpiFactDirty_seq"') FROM "Interaction" WHERE "type" = 'COMPLAINT'
ON CONFLICT ("interactionId") DO UPDATE SET "seq" = EXCLUDED."seq";

-- AlterTable
ALTER TABLE "ComplaintKpiFact" ADD COLUMN     "month" DATE NOT NULL;

-- CreateIndex
CREATE INDEX "Interaction_kpi_intake_idx" ON "Interaction"("createdAt", "type", "customerId", "responsibleDepartmentId", "isKeyAccount", "productRef");
