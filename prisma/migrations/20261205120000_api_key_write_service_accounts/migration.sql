-- Every API key that holds a write scope (any scope but *:read) acts as a named service account, so the history and
-- the records' author columns name it (issue 15, "a complete API"). Keys made before this rule with write scopes but
-- without an account get one now: inactive, no usable password, named like the key — as createApiKey makes them.
WITH keys AS (
  SELECT "id", "name", gen_random_uuid() AS "userId"
  FROM "ApiKey"
  WHERE "serviceAccountId" IS NULL
    AND EXISTS (SELECT 1 FROM unnest("scopes") AS s(scope) WHERE s.scope NOT LIKE '%:read')
), accounts AS (
  INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "active", "updatedAt")
  SELECT "userId", 'api-key-' || "userId" || '@service-account.invalid', "name", '!', 'SERVICE_AGENT', false, now()
  FROM keys
  RETURNING "id"
)
UPDATE "ApiKey" AS k
SET "serviceAccountId" = keys."userId"
FROM keys
WHERE k."id" = keys."id" AND keys."userId" IN (SELECT "id" FROM accounts);
