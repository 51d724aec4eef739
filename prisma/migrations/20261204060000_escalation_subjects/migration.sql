-- An escalation concerns exactly one complaint, one callback task, one complaint action or one key-account obligation
-- (action_escalation and key_account_obligations each widened the check by their own subject).
ALTER TABLE "Escalation" DROP CONSTRAINT "Escalation_one_subject_check";
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_one_subject_check" CHECK (num_nonnulls("interactionId", "callbackId", "actionId", "obligationId") = 1);
