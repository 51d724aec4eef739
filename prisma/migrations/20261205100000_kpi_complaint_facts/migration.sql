-- CreateTable
CREATE TABLE "ComplaintKpiFact" (
    "interactionId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "departmentId" UUID,
    "severity" "Severity",
    "causeClass" "CauseClass",
    "productRef" TEXT,
    "isKeyAccount" BOOLEAN NOT NULL,
    "customerId" UUID,
    "triagedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "triageDueAt" TIMESTAMP(3),
    "resolutionDueAt" TIMESTAMP(3),
    "triageHours" DOUBLE PRECISION,
    "resolveHours" DOUBLE PRECISION,
    "closeHours" DOUBLE PRECISION,
    "isRepeat" BOOLEAN NOT NULL DEFAULT false,
    "refreshedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplaintKpiFact_pkey" PRIMARY KEY ("interactionId")
);

-- CreateTable
CREATE TABLE "KpiFactDirty" (
    "interactionId" UUID NOT NULL,
    "seq" BIGINT NOT NULL,

    CONSTRAINT "KpiFactDirty_pkey" PRIMARY KEY ("interactionId")
);

-- CreateTable
CREATE TABLE "KpiFactState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "calendarKey" TEXT,
    "repeatStale" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KpiFactState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ComplaintKpiFact_createdAt_idx" ON "ComplaintKpiFact"("createdAt");

-- CreateIndex
CREATE INDEX "ComplaintKpiFact_customerId_createdAt_idx" ON "ComplaintKpiFact"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "ComplaintKpiFact_departmentId_createdAt_idx" ON "ComplaintKpiFact"("departmentId", "createdAt");

-- CreateIndex
CREATE INDEX "KpiFactDirty_seq_idx" ON "KpiFactDirty"("seq");

-- Hand-written: every write to a complaint's KPI columns marks its fact dirty in the writer's own transaction, whichever
-- code path (a workflow step, an import, a script, an SQL console) makes it. Statement-level triggers with transition
-- tables, so a bulk statement costs one INSERT … SELECT, not a call per row. `seq` grows with each mark: the refresh
-- removes a mark only if it is the one it read (a complaint changed meanwhile stays dirty).
CREATE SEQUENCE "KpiFactDirty_seq";

CREATE FUNCTION "kpi_fact_mark_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "KpiFactDirty" ("interactionId", "seq")
  SELECT n."id", nextval('"KpiFactDirty_seq"') FROM new_rows n WHERE n."type" = 'COMPLAINT'
  ON CONFLICT ("interactionId") DO UPDATE SET "seq" = EXCLUDED."seq";
  RETURN NULL;
END;
$$;

CREATE FUNCTION "kpi_fact_mark_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "KpiFactDirty" ("interactionId", "seq")
  SELECT n."id", nextval('"KpiFactDirty_seq"') FROM new_rows n JOIN old_rows o ON o."id" = n."id"
  WHERE (n."type" = 'COMPLAINT' OR o."type" = 'COMPLAINT')
    AND (n."type", n."createdAt", n."responsibleDepartmentId", n."severity", n."causeClass", n."productRef",
         n."isKeyAccount", n."customerId", n."triagedAt", n."resolvedAt", n."closedAt", n."triageDueAt",
         n."resolutionDueAt")
        IS DISTINCT FROM
        (o."type", o."createdAt", o."responsibleDepartmentId", o."severity", o."causeClass", o."productRef",
         o."isKeyAccount", o."customerId", o."triagedAt", o."resolvedAt", o."closedAt", o."triageDueAt",
         o."resolutionDueAt")
  ON CONFLICT ("interactionId") DO UPDATE SET "seq" = EXCLUDED."seq";
  RETURN NULL;
END;
$$;

CREATE FUNCTION "kpi_fact_mark_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "KpiFactDirty" ("interactionId", "seq")
  SELECT o."id", nextval('"KpiFactDirty_seq"') FROM old_rows o WHERE o."type" = 'COMPLAINT'
  ON CONFLICT ("interactionId") DO UPDATE SET "seq" = EXCLUDED."seq";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Interaction_kpi_fact_inserted" AFTER INSERT ON "Interaction"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_fact_mark_inserted"();
CREATE TRIGGER "Interaction_kpi_fact_updated" AFTER UPDATE ON "Interaction"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_fact_mark_updated"();
CREATE TRIGGER "Interaction_kpi_fact_deleted" AFTER DELETE ON "Interaction"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "kpi_fact_mark_deleted"();

-- First install: no calendar yet (the first refresh computes every fact), every complaint marked.
INSERT INTO "KpiFactState" ("id") VALUES (1);
INSERT INTO "KpiFactDirty" ("interactionId", "seq")
SELECT "id", nextval('"KpiFactDirty_seq"') FROM "Interaction" WHERE "type" = 'COMPLAINT';
