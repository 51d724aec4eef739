import 'server-only';
import {
  cancelOpenObligations,
  createObligationsForKeyAccount,
} from '../key-account-obligations/key-account-obligation.service';
import type { z } from 'zod';
import { Prisma, type Customer, type KeyAccountNomination } from '@/generated/prisma/client';
import type { NominationKind, NominationStatus } from '@/generated/prisma/enums';
import { can, requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma, type Tx } from '@/server/db';
import { zodFieldErrors } from '@/server/error-keys';
import { badField, badInput, conflict, forbidden, notFound } from '@/server/errors';
import { actorOf, appendHistory, diffFields } from '@/server/history';
import { actingUserId, type Viewer } from '@/server/viewer';
import { activityMessage } from '@/lib/activity';
import { isUuid } from '../cursor';
import { keysetPage, type OrderKey } from '../keyset';
import { pageSize } from '../pagination.rules';
import { storeSetting } from '../service-rules/service-rules.service';
import {
  criteriaOf,
  PROPOSABLE_STATUSES,
  statusAfterDecision,
  statusWhileOpen,
  ZDecisionInput,
  ZFlagsInput,
  ZKeyAccountCriteria,
  ZReason,
  type Decision,
  type KeyAccountCriteria,
  type KeyAccountStatusName,
} from './key-account.rules';
import { emitKeyAccountStatusEvent } from '../webhooks/webhook-payload.service';
import { emitWebhookEventsFor } from '../webhooks/webhook-outbox.service';

/**
 * Key accounts (SPEC §2, 001 第五章 6–7). The system proposes candidates from its data (the nightly job and the
 * "recompute now" button: set-based SQL, one statement per kind of proposal), staff propose one by hand with a
 * reason, and the service manager (keyaccounts:decide) approves — naming the one-to-one owner — or rejects, with a
 * reason. Active key accounts are re-checked every `reviewIntervalMonths` (and at once when they lose good credit): one
 * that no longer qualifies gets a DOWNGRADE nomination, decided the same way. Every change of status goes through a
 * nomination and leaves history on the nomination and on the customer.
 *
 * Concurrency: the recompute and every decision take one advisory lock, so a recompute never proposes a customer a
 * decision is activating; the nomination's version makes two managers deciding at once one winner and one CONFLICT.
 */

const NOMINATION = 'KeyAccountNomination';
const CUSTOMER = 'Customer';
export const KEY_ACCOUNT_CRITERIA_SETTING = 'keyAccountCriteria';
// The embedded database runs one transaction at a time: wait for a turn rather than fail at Prisma's 2 s default.
const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };
// The proposal writes a nomination and its history row per candidate: the first run on a large database (every
// qualifying customer at once) may take longer than a decision; it holds only the key-accounts lock meanwhile.
const PROPOSAL_TX_OPTIONS = { maxWait: 10_000, timeout: 300_000 };
/** Roles that may be named the one-to-one owner (001 第五章 7.5: 客户服务部 organises the one-to-one service). */
export const OWNER_ROLES = ['SERVICE_AGENT', 'SERVICE_MANAGER'] as const;

const lockKeyAccounts = (tx: Tx) =>
  tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('kefu:key-accounts'))`;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  return parsed.data;
}

// A manager decides in person; an API key holding keyaccounts:decide decides as its named service account.
const mayDecide = (viewer: Viewer) => !!actingUserId(viewer) && can(viewer, 'keyaccounts:decide');
export const mayReadKeyAccounts = (viewer: Viewer) => viewer.kind !== 'customer' && can(viewer, 'keyaccounts:read');
export const viewerCanDecide = (viewer: Viewer, n: Pick<KeyAccountNomination, 'status'>) =>
  n.status === 'PROPOSED' && mayDecide(viewer);

// ───────────────────────────── criteria setting ─────────────────────────────

async function readCriteria(db: Tx | typeof prisma): Promise<{ criteria: KeyAccountCriteria; version: number }> {
  const row = await db.setting.findUnique({ where: { key: KEY_ACCOUNT_CRITERIA_SETTING } });
  return { criteria: criteriaOf(row?.value), version: row?.version ?? 0 };
}

export async function getKeyAccountCriteria(viewer: Viewer) {
  requirePermission(viewer, 'keyaccounts:read');
  const { criteria, version } = await readCriteria(prisma);
  return { ...criteria, version };
}

/**
 * The service manager edits the criteria (keyaccounts:decide), version-checked, with the change in the history; an API
 * key holding the scope edits them as its service account (a key without one is refused).
 */
export async function updateKeyAccountCriteria(viewer: Viewer, version: number, input: unknown) {
  requirePermission(viewer, 'keyaccounts:decide');
  if (!actingUserId(viewer)) throw forbidden('keyAccounts.staffOnly');
  const value = parse(ZKeyAccountCriteria, input);
  return prisma.$transaction(async (tx) => {
    await lockKeyAccounts(tx);
    const row = await tx.setting.findUnique({ where: { key: KEY_ACCOUNT_CRITERIA_SETTING } });
    const current = row?.version ?? 0;
    if (current !== version) throw conflict('keyAccounts.stale', { currentVersion: current });
    const saved = await storeSetting(tx, viewer, {
      key: KEY_ACCOUNT_CRITERIA_SETTING,
      version,
      value,
      changes: diffFields(
        criteriaOf(row?.value) as unknown as Record<string, unknown>,
        value as unknown as Record<string, unknown>,
      ) as Prisma.InputJsonValue,
      stale: (currentVersion) => conflict('keyAccounts.stale', { currentVersion }),
    });
    return { ...value, version: saved };
  }, TX_OPTIONS);
}

// ───────────────────────────── the figures, in SQL ─────────────────────────────

/** Subtracts whole years in UTC (29 February falls back to 28). */
function yearsBefore(date: Date, years: number): Date {
  const d = new Date(Date.UTC(date.getUTCFullYear() - years, date.getUTCMonth(), date.getUTCDate()));
  if (d.getUTCMonth() !== date.getUTCMonth()) d.setUTCDate(0);
  return d;
}

/**
 * The thresholds as SQL literals, not bind parameters: the planner sees the real figures (a generic plan over
 * parameters estimated the candidates badly on 100,000 customers). Safe to inline: the criteria passed
 * ZKeyAccountCriteria (amounts `\d{1,10}(.\d{1,2})?`, bounded integers, booleans), the dates are formatted here; each
 * is checked again before it is inlined.
 */
function literals(criteria: KeyAccountCriteria, now: Date) {
  const c = criteria;
  const int = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new Error('key-account criteria: not an integer');
    return Prisma.raw(String(n));
  };
  const bool = (b: boolean) => Prisma.raw(b ? 'TRUE' : 'FALSE');
  const date = (d: Date) => Prisma.raw(`DATE '${d.toISOString().slice(0, 10)}'`);
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(c.cumulativeAmount.minAmount))
    throw new Error('key-account criteria: invalid amount');
  return {
    amountEnabled: bool(c.cumulativeAmount.enabled),
    minAmount: Prisma.raw(`${c.cumulativeAmount.minAmount}::numeric`),
    windowYears: int(c.cumulativeAmount.years),
    windowStart: date(yearsBefore(now, c.cumulativeAmount.years)),
    longTermEnabled: bool(c.longTerm.enabled),
    minContracts: int(c.longTerm.minContracts),
    minYears: int(c.longTerm.minYears),
    longTermBefore: date(yearsBefore(now, c.longTerm.minYears)),
    landmarkEnabled: bool(c.regionalLandmark.enabled),
    strategicEnabled: bool(c.strategicPotential.enabled),
  };
}

/**
 * One CTE `met` over the customers `customerFilter` selects: their contract figures, which enabled criteria they meet,
 * and the JSON stored in the nomination. A contract counts from its signing date, or its creation when that is
 * missing. The same rules as `criteriaMet` in key-account.rules.ts.
 *
 * `many`: the nightly proposal over every customer aggregates Contract once, grouped by customer (a hash join);
 * otherwise (the active key accounts, one customer) each customer's contracts are read through their index.
 */
function figuresCte(criteria: KeyAccountCriteria, now: Date, customerFilter: Prisma.Sql, many = false): Prisma.Sql {
  const l = literals(criteria, now);
  const aggregate = Prisma.sql`
        SUM(k."amount") FILTER (WHERE COALESCE(k."signedAt", k."createdAt"::date) >= ${l.windowStart}) AS "amountInWindow",
        COUNT(*)::int AS "contractCount",
        MIN(COALESCE(k."signedAt", k."createdAt"::date)) AS "firstContractOn"`;
  const join = many
    ? Prisma.sql`LEFT JOIN (SELECT k."customerId", ${aggregate} FROM "Contract" k GROUP BY k."customerId") agg
        ON agg."customerId" = cu."id"`
    : Prisma.sql`CROSS JOIN LATERAL (SELECT ${aggregate} FROM "Contract" k WHERE k."customerId" = cu."id") agg`;
  return Prisma.sql`
    figures AS (
      SELECT cu."id", cu."keyAccountStatus", cu."regionalLandmark", cu."strategicPotential",
             cu."creditStanding" = 'GOOD' AS "goodCredit",
             COALESCE(agg."amountInWindow", 0) AS "amountInWindow",
             COALESCE(agg."contractCount", 0) AS "contractCount",
             agg."firstContractOn"
      FROM "Customer" cu
      ${join}
      WHERE cu."archivedAt" IS NULL AND ${customerFilter}
    ),
    met AS (
      SELECT f.*, array_remove(ARRAY[
          CASE WHEN ${l.amountEnabled} AND f."amountInWindow" >= ${l.minAmount} THEN 'CUMULATIVE_AMOUNT' END,
          CASE WHEN ${l.longTermEnabled} AND (
                 (${l.minContracts} > 0 AND f."contractCount" >= ${l.minContracts})
              OR (${l.minYears} > 0 AND f."firstContractOn" <= ${l.longTermBefore}))
               THEN 'LONG_TERM' END,
          CASE WHEN ${l.landmarkEnabled} AND f."regionalLandmark" THEN 'REGIONAL_LANDMARK' END,
          CASE WHEN ${l.strategicEnabled} AND f."strategicPotential" THEN 'STRATEGIC_POTENTIAL' END
        ]::text[], NULL) AS "met"
      FROM figures f
    ),
    scored AS (
      SELECT m.*, jsonb_build_object(
          'met', to_jsonb(m."met"),
          'goodCredit', m."goodCredit",
          'amountInWindow', to_char(m."amountInWindow", 'FM999999999990.00'),
          'windowYears', ${l.windowYears},
          'contractCount', m."contractCount",
          'firstContractOn', m."firstContractOn",
          'regionalLandmark', m."regionalLandmark",
          'strategicPotential', m."strategicPotential",
          'minAmount', ${l.minAmount}::text,
          'minContracts', ${l.minContracts},
          'minYears', ${l.minYears}
        ) AS "figures"
      FROM met m
    )`;
}

// ───────────────────────────── proposal (nightly job / recompute now) ─────────────────────────────

export type RecomputeResult = { nominated: number; downgrades: number; confirmed: number };

/**
 * Proposes candidates and downgrades from the data, set-based: one INSERT … SELECT of nominations with their history;
 * one for the downgrades; one UPDATE for the key accounts that passed their re-check.
 *
 * A nomination is the candidate's whole state: the service does not write the customer's status (it reads CANDIDATE
 * while the nomination is open, `effectiveKeyAccountStatus`). The database sets the customer's `hasOpenNomination` flag
 * in this transaction, one statement-level trigger call per INSERT (not a Prisma update per customer, no version,
 * history or webhook), so reading a status costs no second query. That flag is a write of each nominated customer's
 * row: a first run over a backlog of 90,000 (bench/key-accounts.ts data) took 10.8–15.2 s with the trigger against
 * 5.6–7.6 s without (same database, alternating, load 5), as compacted pages have no room for HOT updates and all 23
 * indexes of "Customer" take each new row version; a usual night nominates a handful. Downgrades (active key accounts only, few) still mark the customer UNDER_REVIEW, as before.
 *
 * Idempotent and cheap when repeated: customers with an open nomination are left out before anything is computed for
 * them (and ON CONFLICT on the partial unique index "one open nomination per customer" still guards two runs at once),
 * active key accounts are never nominated again, and a customer whose nomination was rejected (or whose key account
 * was revoked) within the review interval is not proposed again before the interval is over — nothing is re-proposed
 * every night against the manager's decision.
 */
export async function runKeyAccountProposal(now: Date = clockNow(), actor?: Viewer): Promise<RecomputeResult> {
  return prisma.$transaction(async (tx) => {
    await lockKeyAccounts(tx);
    // Past the pool's per-statement limit (DATABASE_STATEMENT_TIMEOUT_MS, for requests): a first run nominates every
    // qualifying customer in one statement. SET LOCAL ends with the transaction.
    await tx.$executeRaw`SET LOCAL statement_timeout = '300s'`;
    const { criteria } = await readCriteria(tx);
    const cooldownSince = new Date(now);
    cooldownSince.setUTCMonth(cooldownSince.getUTCMonth() - criteria.reviewIntervalMonths);
    const reviewDueBefore = cooldownSince;
    const { actorId, actorLabel } = actor ? actorOf(actor) : { actorId: null, actorLabel: 'system' };
    const since = Prisma.raw(`TIMESTAMPTZ '${cooldownSince.toISOString()}'`);

    // The customers left out — an open nomination, or a decision within the cooldown — are read once into a
    // MATERIALIZED CTE before anything is inserted. An anti-join on "KeyAccountNomination" itself would be planned,
    // on a table the statistics call empty (the first night), as a nested loop over a sequential scan of the table
    // this statement inserts into: every probe would walk all the rows inserted so far (quadratic; minutes at
    // 70,000 candidates).
    const nominated = await tx.$executeRaw`
      WITH excluded AS MATERIALIZED (
        SELECT DISTINCT n."customerId" FROM "KeyAccountNomination" n
        WHERE n."status" = 'PROPOSED'
           OR (n."decidedAt" >= ${since}
               AND ((n."kind" = 'NOMINATION' AND n."status" = 'REJECTED')
                 OR (n."kind" = 'DOWNGRADE' AND n."status" = 'APPROVED')))
      ),
      ${figuresCte(
        criteria,
        now,
        Prisma.sql`cu."keyAccountStatus" IN ('NONE', 'REVOKED') AND cu."creditStanding" = 'GOOD'
          AND NOT EXISTS (SELECT 1 FROM excluded e WHERE e."customerId" = cu."id")`,
        true,
      )},
      inserted AS (
        INSERT INTO "KeyAccountNomination" ("id", "customerId", "status", "kind", "criteria", "proposedAt", "version")
        SELECT gen_random_uuid(), s."id", 'PROPOSED', 'NOMINATION', s."figures", ${now}, 1
        FROM scored s WHERE cardinality(s."met") > 0
        ON CONFLICT ("customerId") WHERE "status" = 'PROPOSED' DO NOTHING
        RETURNING "id"
      )
      INSERT INTO "HistoryEntry" ("id", "entityType", "entityId", "action", "toState", "messageKey", "actorId",
                                  "actorLabel", "createdAt")
      SELECT gen_random_uuid(), ${NOMINATION}, i."id", 'CREATE', 'PROPOSED', 'keyAccount.proposedByCriteria',
             ${actorId}::uuid, ${actorLabel}, ${now}
      FROM inserted i`;

    // Downgrades: key accounts that lost good credit (at once), or whose re-check is due and meet no criterion.
    const downgrades = await tx.$executeRaw`
      WITH ${figuresCte(criteria, now, Prisma.sql`cu."keyAccountStatus" = 'ACTIVE'`)},
      inserted AS (
        INSERT INTO "KeyAccountNomination" ("id", "customerId", "status", "kind", "criteria", "proposedAt", "version")
        SELECT gen_random_uuid(), s."id", 'PROPOSED', 'DOWNGRADE', s."figures", ${now}, 1
        FROM scored s JOIN "Customer" cu ON cu."id" = s."id"
        WHERE NOT s."goodCredit"
           OR (cardinality(s."met") = 0 AND COALESCE(cu."keyAccountReviewedAt", '-infinity') <= ${reviewDueBefore})
        ON CONFLICT ("customerId") WHERE "status" = 'PROPOSED' DO NOTHING
        RETURNING "id", "customerId"
      ),
      marked AS (
        UPDATE "Customer" cu SET "keyAccountStatus" = 'UNDER_REVIEW', "updatedAt" = ${now}
        WHERE cu."id" IN (SELECT i."customerId" FROM inserted i) AND cu."keyAccountStatus" = 'ACTIVE'
        RETURNING cu."id"
      )
      INSERT INTO "HistoryEntry" ("id", "entityType", "entityId", "action", "fromState", "toState", "messageKey",
                                  "actorId", "actorLabel", "createdAt")
      SELECT gen_random_uuid(), e."entityType", e."entityId", e."action", e."fromState", e."toState", e."messageKey",
             ${actorId}::uuid, ${actorLabel}, ${now}
      FROM (
        SELECT ${NOMINATION} AS "entityType", i."id" AS "entityId", 'CREATE' AS "action", NULL AS "fromState",
               'PROPOSED' AS "toState", 'keyAccount.downgradeProposed' AS "messageKey"
        FROM inserted i
        UNION ALL
        SELECT ${CUSTOMER}, m."id", 'TRANSITION', 'ACTIVE', 'UNDER_REVIEW', 'keyAccount.underReview' FROM marked m
      ) e`;

    // Re-checks passed: the next one counts from now (history says so, so the check is not silent either).
    const confirmed = await tx.$executeRaw`
      WITH ${figuresCte(
        criteria,
        now,
        Prisma.sql`cu."keyAccountStatus" = 'ACTIVE'
          AND COALESCE(cu."keyAccountReviewedAt", '-infinity') <= ${reviewDueBefore}`,
      )},
      reviewed AS (
        UPDATE "Customer" cu SET "keyAccountReviewedAt" = ${now}
        WHERE cu."id" IN (SELECT s."id" FROM scored s WHERE s."goodCredit" AND cardinality(s."met") > 0)
          AND cu."keyAccountStatus" = 'ACTIVE'
        RETURNING cu."id"
      )
      INSERT INTO "HistoryEntry" ("id", "entityType", "entityId", "action", "messageKey", "actorId", "actorLabel",
                                  "createdAt")
      SELECT gen_random_uuid(), ${CUSTOMER}, r."id", 'REVIEW', 'keyAccount.reviewPassed', ${actorId}::uuid,
             ${actorLabel}, ${now}
      FROM reviewed r`;

    // Webhooks: key_account.status_changed for each customer this run moved, set-based in the same transaction. The
    // status before a nomination is REVOKED after an approved downgrade, else NONE (as statusBeforeProposal says).
    await emitWebhookEventsFor(
      tx,
      'key_account.status_changed',
      CUSTOMER,
      Prisma.sql`
        SELECT n."customerId"::text AS "subjectId",
               jsonb_build_object(
                 'customerId', n."customerId",
                 'from', CASE WHEN n."kind" = 'DOWNGRADE' THEN 'ACTIVE'
                              WHEN revoked."customerId" IS NOT NULL THEN 'REVOKED'
                              ELSE 'NONE' END,
                 'to', CASE WHEN n."kind" = 'DOWNGRADE' THEN 'UNDER_REVIEW' ELSE 'CANDIDATE' END) AS payload
        FROM "KeyAccountNomination" n
        -- One hash join, not a lookup per nomination (a first run proposes tens of thousands).
        LEFT JOIN (SELECT DISTINCT d."customerId" FROM "KeyAccountNomination" d
                   WHERE d."kind" = 'DOWNGRADE' AND d."status" = 'APPROVED') revoked ON revoked."customerId" = n."customerId"
        WHERE n."status" = 'PROPOSED' AND n."proposedAt" = ${now}`,
    );

    // One history row per nomination proposed; the downgrades wrote two (the nomination's and the customer's).
    return { nominated, downgrades: downgrades / 2, confirmed };
  }, PROPOSAL_TX_OPTIONS);
}

/** "Recompute now" (keyaccounts:write): the nightly proposal, run by a person. */
export async function recomputeKeyAccountCandidates(viewer: Viewer, now: Date = clockNow()) {
  requirePermission(viewer, 'keyaccounts:write');
  return runKeyAccountProposal(now, viewer);
}

/** Staff propose one customer by hand, with a reason; good credit is mandatory (6.2.4), the criteria are not. */
export async function proposeKeyAccount(viewer: Viewer, customerId: string, reason: unknown, now: Date = clockNow()) {
  requirePermission(viewer, 'keyaccounts:write');
  if (!isUuid(customerId)) throw notFound('Customer');
  const why = parseField('reason', ZReason, reason);
  return prisma.$transaction(async (tx) => {
    await lockKeyAccounts(tx);
    const customer = await tx.customer.findFirst({
      where: { id: customerId, archivedAt: null },
      select: { id: true, keyAccountStatus: true, creditStanding: true },
    });
    if (!customer) throw notFound('Customer');
    if (customer.creditStanding !== 'GOOD') throw badInput('keyAccounts.goodCreditRequired');
    if (!PROPOSABLE_STATUSES.includes(customer.keyAccountStatus as KeyAccountStatusName))
      throw conflict('keyAccounts.notProposable', { status: customer.keyAccountStatus });
    const open = await tx.keyAccountNomination.findFirst({
      where: { customerId, status: 'PROPOSED' },
      select: { kind: true },
    });
    if (open) throw conflict('keyAccounts.notProposable', { status: statusWhileOpen(open.kind) });
    const { criteria } = await readCriteria(tx);
    const [row] = await tx.$queryRaw<{ figures: Prisma.JsonValue }[]>`
      WITH ${figuresCte(criteria, now, Prisma.sql`cu."id" = ${customerId}::uuid`)}
      SELECT "figures" FROM scored`;
    const staffId = actingUserId(viewer);
    const nomination = await tx.keyAccountNomination.create({
      data: {
        customerId,
        kind: 'NOMINATION',
        criteria: (row?.figures ?? {}) as Prisma.InputJsonValue,
        proposalReason: why,
        proposedById: staffId,
        proposedAt: now,
      },
    });
    // The open nomination makes the customer a candidate (`effectiveKeyAccountStatus`): its status is not written (a
    // trigger on the nomination sets the customer's hasOpenNomination flag).
    const candidate = statusWhileOpen('NOMINATION');
    await emitKeyAccountStatusEvent(tx, customerId, customer.keyAccountStatus, candidate);
    await appendHistory(tx, viewer, {
      entityType: NOMINATION,
      entityId: nomination.id,
      action: 'CREATE',
      toState: 'PROPOSED',
      comment: why,
      message: activityMessage('keyAccount.proposedByHand'),
    });
    await appendHistory(tx, viewer, {
      entityType: CUSTOMER,
      entityId: customerId,
      action: 'TRANSITION',
      fromState: customer.keyAccountStatus,
      toState: candidate,
      comment: why,
      message: activityMessage('keyAccount.candidate'),
    });
    return nomination;
  }, TX_OPTIONS);
}

function parseField<S extends z.ZodType>(field: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badField(field, 'keyAccounts.reasonRequired');
  return parsed.data;
}

// ───────────────────────────── decisions ─────────────────────────────

/**
 * Approves or rejects an open nomination (keyaccounts:decide), in one transaction: the nomination (version-checked:
 * of two managers deciding at once one wins, the other gets CONFLICT), the customer's status (and, approving a
 * nomination, its one-to-one owner), and the history of both.
 */
export async function decideKeyAccountNomination(
  viewer: Viewer,
  id: string,
  version: number,
  decision: Decision,
  input: { reason: unknown; ownerId?: string | null },
  now: Date = clockNow(),
): Promise<KeyAccountNomination> {
  requirePermission(viewer, 'keyaccounts:decide');
  // The decider named on the nomination: the manager, or the API key's service account (a key without one may not).
  const deciderId = actingUserId(viewer);
  if (!deciderId) throw forbidden('keyAccounts.staffOnly');
  if (!isUuid(id)) throw notFound(NOMINATION);
  const parsed = parse(ZDecisionInput, { reason: input.reason, ownerId: input.ownerId ?? null });
  return prisma.$transaction(async (tx) => {
    await lockKeyAccounts(tx);
    const nomination = await tx.keyAccountNomination.findUnique({ where: { id } });
    if (!nomination) throw notFound(NOMINATION);
    if (nomination.version !== version || nomination.status !== 'PROPOSED')
      throw conflict('keyAccounts.stale', { currentVersion: nomination.version, status: nomination.status });
    const customer = await tx.customer.findUniqueOrThrow({
      where: { id: nomination.customerId },
      select: { id: true, keyAccountStatus: true, ownerId: true },
    });
    const activating = nomination.kind === 'NOMINATION' && decision === 'APPROVE';
    if (activating) {
      if (!parsed.ownerId) throw badField('ownerId', 'keyAccounts.ownerRequired');
      const owner = await tx.user.findFirst({
        where: { id: parsed.ownerId, active: true, role: { in: [...OWNER_ROLES] } },
        select: { id: true },
      });
      if (!owner) throw badField('ownerId', 'keyAccounts.ownerInvalid');
    }
    const status: NominationStatus = decision === 'APPROVE' ? 'APPROVED' : 'REJECTED';
    const { count } = await tx.keyAccountNomination.updateMany({
      where: { id, version, status: 'PROPOSED' },
      data: {
        status,
        decidedById: deciderId,
        decidedAt: now,
        decisionReason: parsed.reason,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw conflict('keyAccounts.stale', { currentVersion: nomination.version + 1 });
    // The status the customer had before the proposal: a nomination started from NONE or REVOKED (the history says
    // which); a customer still CANDIDATE goes back to what it was.
    const before = await statusBeforeProposal(tx, nomination, customer.keyAccountStatus);
    const next = statusAfterDecision(nomination.kind, decision, before);
    // What everyone read while the nomination was open: CANDIDATE (a nomination) or UNDER_REVIEW (a downgrade).
    const shown = statusWhileOpen(nomination.kind);
    await tx.customer.update({
      where: { id: customer.id },
      data: {
        keyAccountStatus: next,
        ...(activating ? { ownerId: parsed.ownerId } : {}),
        // Approving a nomination and keeping a key account after its re-check both start the next review period.
        ...(next === 'ACTIVE' ? { keyAccountReviewedAt: now } : {}),
        version: { increment: 1 },
      },
    });

    // The obligations of a key account (001 §7.2–7.7) start with it and end with it, in this transaction.
    if (activating)
      await createObligationsForKeyAccount(
        tx,
        { customerId: customer.id, ownerId: parsed.ownerId!, nominationId: id, activatedAt: now },
        viewer,
      );
    if (next === 'REVOKED') await cancelOpenObligations(tx, customer.id, viewer);
    if (next !== shown) await emitKeyAccountStatusEvent(tx, customer.id, shown, next);

    await appendHistory(tx, viewer, {
      entityType: NOMINATION,
      entityId: id,
      action: decision,
      fromState: 'PROPOSED',
      toState: status,
      comment: parsed.reason,
      message: activityMessage(
        decision === 'APPROVE' ? 'keyAccount.nominationApproved' : 'keyAccount.nominationRejected',
      ),
    });
    await appendHistory(tx, viewer, {
      entityType: CUSTOMER,
      entityId: customer.id,
      action: 'TRANSITION',
      fromState: shown,
      toState: next,
      comment: parsed.reason,
      message: activityMessage(`keyAccount.status${next}` as 'keyAccount.statusACTIVE'),
      ...(activating && customer.ownerId !== parsed.ownerId
        ? { changes: { ownerId: { from: customer.ownerId, to: parsed.ownerId } } }
        : {}),
    });
    return tx.keyAccountNomination.findUniqueOrThrow({ where: { id } });
  }, TX_OPTIONS);
}

/** The customer's status before the open nomination: the stored one, which a nomination leaves as it was. */
async function statusBeforeProposal(
  tx: Tx,
  nomination: KeyAccountNomination,
  stored: KeyAccountStatusName,
): Promise<KeyAccountStatusName> {
  if (nomination.kind === 'DOWNGRADE') return 'ACTIVE';
  if (PROPOSABLE_STATUSES.includes(stored)) return stored;
  // Stored CANDIDATE (written before nominations were kept apart): the history of downgrades says which it was.
  const revoked = await tx.keyAccountNomination.findFirst({
    where: { customerId: nomination.customerId, kind: 'DOWNGRADE', status: 'APPROVED' },
    select: { id: true },
  });
  return revoked ? 'REVOKED' : 'NONE';
}

// ───────────────────────────── flags ─────────────────────────────

/** Sets or clears the landmark / strategic flags (keyaccounts:write), each with its reason; version-checked. */
export async function setCustomerKeyAccountFlags(
  viewer: Viewer,
  customerId: string,
  version: number,
  input: unknown,
): Promise<Customer> {
  requirePermission(viewer, 'keyaccounts:write');
  if (!isUuid(customerId)) throw notFound('Customer');
  const flags = parse(ZFlagsInput, input);
  const data = {
    regionalLandmark: flags.regionalLandmark,
    regionalLandmarkReason: flags.regionalLandmark ? (flags.regionalLandmarkReason ?? null) : null,
    strategicPotential: flags.strategicPotential,
    strategicPotentialReason: flags.strategicPotential ? (flags.strategicPotentialReason ?? null) : null,
  };
  return prisma.$transaction(async (tx) => {
    const current = await tx.customer.findFirst({
      where: { id: customerId, archivedAt: null },
      select: {
        version: true,
        regionalLandmark: true,
        regionalLandmarkReason: true,
        strategicPotential: true,
        strategicPotentialReason: true,
      },
    });
    if (!current) throw notFound('Customer');
    if (current.version !== version) throw conflict('keyAccounts.stale', { currentVersion: current.version });
    const { version: _v, ...before } = current;
    const changes = diffFields(before, data);
    if (Object.keys(changes).length === 0) return tx.customer.findUniqueOrThrow({ where: { id: customerId } });
    const { count } = await tx.customer.updateMany({
      where: { id: customerId, version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw conflict('keyAccounts.stale', { currentVersion: current.version + 1 });
    await appendHistory(tx, viewer, {
      entityType: CUSTOMER,
      entityId: customerId,
      action: 'UPDATE',
      message: activityMessage('keyAccount.flagsChanged'),
      changes: changes as Prisma.InputJsonValue,
    });
    return tx.customer.findUniqueOrThrow({ where: { id: customerId } });
  }, TX_OPTIONS);
}

// ───────────────────────────── reads ─────────────────────────────

export type NominationPage = {
  nodes: KeyAccountNomination[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};
export type KeyAccountPage = {
  nodes: Omit<Customer, 'searchText'>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

const NEWEST_FIRST: readonly OrderKey<'proposedAt' | 'id'>[] = [
  { field: 'proposedAt', direction: 'desc' },
  { field: 'id', direction: 'desc' },
];

/** Nominations, newest first, filtered by status and kind (index status, kind, proposedAt, id). */
export async function listNominations(
  viewer: Viewer,
  args: {
    status?: NominationStatus | null;
    kind?: NominationKind | null;
    first?: number | null;
    after?: string | null;
  },
): Promise<NominationPage> {
  requirePermission(viewer, 'keyaccounts:read');
  const first = pageSize(args.first);
  const where: Prisma.KeyAccountNominationWhereInput = {
    ...(args.status ? { status: args.status } : {}),
    ...(args.kind ? { kind: args.kind } : {}),
  };
  return keysetPage(
    NEWEST_FIRST,
    { where, first, after: args.after },
    {
      cursor: (id, select) => prisma.keyAccountNomination.findUnique({ where: { id }, select }),
      rows: (query: Prisma.KeyAccountNominationFindManyArgs) => prisma.keyAccountNomination.findMany(query),
      count: (query) => prisma.keyAccountNomination.count(query),
    },
  );
}

export async function getNomination(viewer: Viewer, id: string) {
  requirePermission(viewer, 'keyaccounts:read');
  if (!isUuid(id)) return null;
  return prisma.keyAccountNomination.findUnique({ where: { id } });
}

const BY_NAME: readonly OrderKey<'name' | 'id'>[] = [
  { field: 'name', direction: 'asc' },
  { field: 'id', direction: 'asc' },
];

/** Key accounts (ACTIVE or UNDER_REVIEW), by name (index keyAccountStatus; name). */
export async function listKeyAccounts(
  viewer: Viewer,
  args: { first?: number | null; after?: string | null },
): Promise<KeyAccountPage> {
  requirePermission(viewer, 'keyaccounts:read');
  const first = pageSize(args.first);
  const where: Prisma.CustomerWhereInput = {
    keyAccountStatus: { in: ['ACTIVE', 'UNDER_REVIEW'] },
    archivedAt: null,
  };
  return keysetPage(
    BY_NAME,
    { where, first, after: args.after },
    {
      cursor: (id, select) => prisma.customer.findUnique({ where: { id }, select }),
      rows: (query: Prisma.CustomerFindManyArgs) => prisma.customer.findMany(query),
      count: (query) => prisma.customer.count(query),
    },
  );
}

/** Active staff who may be named the one-to-one owner, by name. */
export async function keyAccountOwnerCandidates(viewer: Viewer) {
  requirePermission(viewer, 'keyaccounts:decide');
  return prisma.user.findMany({
    where: { active: true, role: { in: [...OWNER_ROLES] } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
}
