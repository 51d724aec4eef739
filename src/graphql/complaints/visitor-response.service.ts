import 'server-only';
import { consumeLookupAttempt } from '@/server/auth/rate-limit';
import { linkId, verifyLink } from '@/server/auth/signed-links';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { conflict, notFound, tooManyRequests } from '@/server/errors';
import { anonymous } from '@/server/viewer';
import { RESOLUTION_LINK, prepareCustomerMail } from '../interactions/customer-notify.service';
import { findTracked, LOOKUP_SELECT, visibleLookup } from '../interactions/interaction.service';
import { applyCommand, WITH_WORK } from './complaint.service';
import type { WorkflowActor } from './complaint-workflow.rules';

/**
 * A visitor without a portal account answers a resolution (SPEC §4 "customer's feedback on the disposition
 * recorded"): from /track after proving the record by its number and phone, or from the signed link of the "please
 * confirm" mail. Either way it is the workflow's CUSTOMER_FEEDBACK step, taken as the customer (the history names an
 * anonymous visitor), once: an answered resolution answers CONFLICT, and a link names the resolution it was sent for —
 * after a reopening and a new resolution, the old link no longer opens anything.
 */

/** The customer, as a visitor who proved the record: may give feedback, owns nothing else. */
const VISITOR: WorkflowActor = { role: 'CUSTOMER', userId: '', departmentId: null };

type Proof = { number: string; phone: string } | { token: string };
type Answer = { accepted: boolean; comment?: string | null };

/** The record a signed link names, if the link is genuine and its resolution still stands; else NOT_FOUND. */
async function findLinked(token: string, clientIp: string | null) {
  const id = linkId(token);
  const row = id ? await prisma.interaction.findUnique({ where: { id }, select: LOOKUP_SELECT }) : null;
  if (!row?.resolvedAt || !verifyLink(token, RESOLUTION_LINK, row.id, row.resolvedAt.toISOString())) {
    // Only failures count against the address: a genuine link opened twice is no probe.
    const wait = await consumeLookupAttempt(clientIp);
    if (wait > 0) throw tooManyRequests(wait);
    throw notFound('Interaction');
  }
  return row;
}

/** The record behind a confirmation link, as /track shows it. */
export async function resolutionByLink(token: string, clientIp: string | null) {
  return visibleLookup(await findLinked(token, clientIp));
}

/** Accepts or disputes the resolution as the visitor; the record as /track shows it afterwards. */
export async function respondAsVisitor(proof: Proof, answer: Answer, clientIp: string | null, now = clockNow()) {
  // The proof is checked (and counted against the address) before the transaction: the rate limiter has statements
  // of its own, and the embedded database has one connection, which the transaction would hold.
  const found =
    'token' in proof ? await findLinked(proof.token, clientIp) : await findTracked(proof.number, proof.phone, clientIp);
  if (!visibleLookup(found).awaitingResponse)
    throw conflict('complaint.feedbackAlreadyGiven', { status: found.status });
  await prepareCustomerMail();
  const updated = await prisma.$transaction(async (tx) => {
    // The record as it was proven: changed since (answered, reopened), the answer is about something else.
    const row = await tx.interaction.findUniqueOrThrow({ where: { id: found.id }, include: WITH_WORK });
    if (row.version !== found.version) throw conflict('complaint.stale', { currentVersion: row.version });
    const command = { type: 'CUSTOMER_FEEDBACK', accepted: answer.accepted, comment: answer.comment } as const;
    return applyCommand(tx, anonymous, row, command, {}, now, VISITOR);
  });
  return visibleLookup({ ...updated, contactPhone: null });
}
