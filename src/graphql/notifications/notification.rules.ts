import type { InteractionType } from '@/generated/prisma/enums';

/**
 * The console page a notification links to, from the record it is about. Today's writers (grep `notifyUsers(`):
 * the escalation sweep, on an Interaction (a complaint's workbench) or on a Callback task of its own. The other
 * entity types are the records notifications are expected to point at next; anything else links nowhere (null),
 * so the UI shows the notice without a link rather than a 404.
 *
 * `interactionType` is the type of the Interaction named by entityId (null when it no longer exists or the
 * notification is about something else): complaints open in their workbench, other intake in its record page.
 */
export function notificationHref(
  entityType: string | null,
  entityId: string | null,
  interactionType: InteractionType | null,
): string | null {
  if (!entityType || !entityId) return null;
  switch (entityType) {
    case 'Interaction':
      if (!interactionType) return null;
      return interactionType === 'COMPLAINT' ? `/console/complaints/${entityId}` : `/console/interactions/${entityId}`;
    case 'Callback':
      // The queues have no page per task; an escalated task is overdue, so it is found in that queue (as in its mail).
      return '/console/callbacks?queue=OVERDUE';
    case 'SurveyResponse':
      return `/console/surveys/responses/${entityId}`;
    case 'SurveyCampaign':
      return `/console/surveys/campaigns/${entityId}`;
    case 'Customer':
      return `/console/customers/${entityId}`;
    case 'KeyAccountExchangeSummary':
      return `/console/key-accounts/summaries/${entityId}`;
    case 'KeyAccountObligation':
      return '/console/key-accounts/obligations?overdue=1';
    default:
      return null;
  }
}

/** `markNotificationsRead` takes at most this many ids at once (one screen's worth, with room to spare). */
export const MAX_MARK_IDS = 100;
