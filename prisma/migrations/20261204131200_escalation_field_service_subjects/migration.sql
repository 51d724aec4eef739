-- Hand-written: work orders (workOrderId) and weekly itineraries (itineraryId) were added as escalation subjects by two
-- migrations written side by side, each re-creating the check with its own column only. An escalation concerns exactly
-- one subject of all of them.
ALTER TABLE "Escalation" DROP CONSTRAINT "Escalation_one_subject_check";
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_one_subject_check" CHECK (num_nonnulls("interactionId", "callbackId", "actionId", "obligationId", "workOrderId", "itineraryId") = 1);
