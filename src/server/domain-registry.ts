/**
 * The one place shared infrastructure (src/server/**) takes something from the domain modules (src/graphql/<domain>).
 * Infrastructure depends on no domain otherwise — ESLint's kefu/infra-boundary rule refuses such an import anywhere
 * else in src/server — so this list is every dependency there is in that direction:
 * - the queue's domain jobs (src/server/queue/workers.ts), and
 * - the attachment rules the upload endpoint checks streamed bytes against (src/server/http/upload-http.ts), and
 * - the API keys' rate limits and usage day (src/server/auth/api-key-gate.ts).
 * - the last-administrator rule the single sign-on keeps when it applies a mapped role (src/server/auth/sso.ts).
 * - the escalation reasons the escalation notices are written for (src/server/mail/escalation-mail.ts).
 */
import 'server-only';

export { runEscalationSweep } from '@/graphql/complaints/escalation.service';
export type { EscalationReason } from '@/graphql/complaints/escalation.rules';
export { runSurveySweep } from '@/graphql/survey-campaigns/survey-sweep.service';
export { mailDueNotices } from '@/graphql/notices/notice.service';
export { runKeyAccountProposal } from '@/graphql/key-accounts/key-account.service';
export { runCallbackProgrammes } from '@/graphql/callback-programmes/callback-programme.service';
export { deliverDueWebhooks } from '@/graphql/webhooks/webhook-delivery.service';
export {
  inspectAttachment,
  MAX_ATTACHMENT_BYTES,
  type AttachmentInspection,
} from '@/graphql/interactions/interaction.rules';
export { API_KEY_RATE_LIMIT, API_KEY_USAGE_TIME_ZONE, effectiveRateLimit } from '@/graphql/admin/api-key.rules';
export { removesLastAdmin } from '@/graphql/directory/directory.rules';
export { lockAdmins } from '@/graphql/directory/directory.service';
export { runReportDeliveries } from '@/graphql/reports/report-delivery.service';
export { runVisitCycleRecompute } from '@/graphql/visits/visit-cycle.service';
export { runKpiFactRefresh } from '@/graphql/kpi-dashboard/kpi-snapshot.service';
