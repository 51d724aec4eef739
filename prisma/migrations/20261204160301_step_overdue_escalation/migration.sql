-- Hand-written: the due time of the step a complaint waits on ("stepDueAt") is an input of the escalation rules too
-- (escalation.rules.ts STEP_OVERDUE: owner → department head → quality, once per level), so a write that changes it
-- marks the record for the next sweep like the other due times.
CREATE OR REPLACE FUNCTION "interaction_escalation_inputs_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
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
     OR NEW."stepDueAt" IS DISTINCT FROM OLD."stepDueAt"
     OR NEW."callbackDueAt" IS DISTINCT FROM OLD."callbackDueAt" THEN
    NEW."escalationChangedAt" := clock_timestamp();
  END IF;
  RETURN NEW;
END;
$$;

-- The open complaints whose step has a due time are looked at once more, so their stored next time counts the step
-- (read through the partial indexes on open complaints: closed history is not touched).
UPDATE "Interaction" SET "escalationChangedAt" = CURRENT_TIMESTAMP WHERE "isOpenComplaint" AND "stepDueAt" IS NOT NULL;
