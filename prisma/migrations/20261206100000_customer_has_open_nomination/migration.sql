-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "hasOpenNomination" BOOLEAN NOT NULL DEFAULT false;

-- Hand-written: "Customer"."hasOpenNomination" says whether the customer has an open NOMINATION (status PROPOSED, kind
-- NOMINATION), so its effective key-account status (CANDIDATE while one is open, effectiveKeyAccountStatus in
-- key-account.rules.ts) is read with the row instead of by a second query. The database keeps it, in the writer's own
-- transaction, whichever code path (a proposal, a decision, the nightly run, a script, an SQL console) writes a
-- nomination. Only the flag is written: not "version" or "updatedAt", no history, no webhook — the customer itself
-- did not change.
CREATE FUNCTION "customer_refresh_open_nomination"(customer_ids UUID[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Lock first, then read: each statement here takes its snapshot when it starts, so of two transactions changing one
  -- customer's nominations at once, the later one counts the other's committed rows. NO KEY UPDATE: rows referencing
  -- the customer may still be inserted meanwhile. In id order, so two bulk writers cannot deadlock on each other.
  PERFORM 1 FROM "Customer" c WHERE c."id" = ANY(customer_ids) ORDER BY c."id" FOR NO KEY UPDATE;
  -- Only rows whose flag is wrong are written.
  UPDATE "Customer" c SET "hasOpenNomination" = s."open"
  FROM (
    SELECT DISTINCT u."id", EXISTS (
        SELECT 1 FROM "KeyAccountNomination" n
        WHERE n."customerId" = u."id" AND n."status" = 'PROPOSED' AND n."kind" = 'NOMINATION') AS "open"
    FROM unnest(customer_ids) AS u("id")
  ) s
  WHERE c."id" = s."id" AND c."hasOpenNomination" <> s."open";
END;
$$;

-- Inserts and deletes: statement-level with transition tables, so the nightly run's bulk INSERT … SELECT of thousands
-- of nominations costs one statement, not a call per row. Only open nominations can change a flag. An inserted open
-- nomination is one that exists: its customers' flag is set without counting (no lock first either — a concurrent
-- refresh that closes another nomination locks the row, waits for this transaction and then counts this one).
CREATE FUNCTION "nomination_inserted_refresh_customers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Customer" c SET "hasOpenNomination" = true
  WHERE c."id" IN (SELECT n."customerId" FROM new_rows n WHERE n."status" = 'PROPOSED' AND n."kind" = 'NOMINATION')
    AND NOT c."hasOpenNomination";
  RETURN NULL;
END;
$$;

CREATE FUNCTION "nomination_deleted_refresh_customers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "customer_refresh_open_nomination"(ARRAY(
    SELECT o."customerId" FROM old_rows o WHERE o."status" = 'PROPOSED' AND o."kind" = 'NOMINATION'));
  RETURN NULL;
END;
$$;

-- Updates: row-level, since only a row trigger can name its columns (PostgreSQL allows no transition tables with a
-- column list); the WHEN clause leaves every update that opens, closes or moves no open nomination (a version bump, a
-- decision's reason) without a call. Decisions update one nomination at a time.
CREATE FUNCTION "nomination_updated_refresh_customers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "customer_refresh_open_nomination"(ARRAY[OLD."customerId", NEW."customerId"]);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "KeyAccountNomination_open_nomination_inserted" AFTER INSERT ON "KeyAccountNomination"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "nomination_inserted_refresh_customers"();
CREATE TRIGGER "KeyAccountNomination_open_nomination_deleted" AFTER DELETE ON "KeyAccountNomination"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "nomination_deleted_refresh_customers"();
CREATE TRIGGER "KeyAccountNomination_open_nomination_updated"
  AFTER UPDATE OF "status", "kind", "customerId" ON "KeyAccountNomination"
  FOR EACH ROW
  WHEN (((OLD."status" = 'PROPOSED' AND OLD."kind" = 'NOMINATION') OR (NEW."status" = 'PROPOSED' AND NEW."kind" = 'NOMINATION'))
        AND (OLD."customerId" <> NEW."customerId" OR OLD."status" <> NEW."status" OR OLD."kind" <> NEW."kind"))
  EXECUTE FUNCTION "nomination_updated_refresh_customers"();

-- Backfill: the customers with an open nomination now (the triggers keep it from here on).
UPDATE "Customer" c SET "hasOpenNomination" = true
WHERE EXISTS (SELECT 1 FROM "KeyAccountNomination" n
              WHERE n."customerId" = c."id" AND n."status" = 'PROPOSED' AND n."kind" = 'NOMINATION');
