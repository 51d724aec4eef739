-- Hand-written (Prisma's schema language has no CHECK constraints): an escalation concerns exactly one record,
-- a complaint (interactionId) or a callback without a complaint (callbackId).
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_one_subject_check" CHECK (num_nonnulls("interactionId", "callbackId") = 1);
