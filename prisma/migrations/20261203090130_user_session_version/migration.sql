-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- Hand-written: a change of password, role, customer or active flag ends every session of the account, whichever code
-- path (a service, a script, an SQL console) makes it. Sessions carry "sessionVersion" in their JWT; a raised version
-- no longer matches. Sign-out raises it from the application (src/server/auth/sessions.ts).
CREATE FUNCTION "user_end_sessions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."sessionVersion" := OLD."sessionVersion" + 1;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "User_end_sessions"
  BEFORE UPDATE OF "passwordHash", "role", "customerId", "active" ON "User"
  FOR EACH ROW
  WHEN (OLD."passwordHash" IS DISTINCT FROM NEW."passwordHash" OR OLD."role" IS DISTINCT FROM NEW."role"
        OR OLD."customerId" IS DISTINCT FROM NEW."customerId" OR OLD."active" IS DISTINCT FROM NEW."active")
  EXECUTE FUNCTION "user_end_sessions"();
