import type { Permission } from '@/server/auth/policies';

/**
 * The API's coverage, one decision per Mutation root field (issue 15: "every action staff can take in the console is
 * a mutation an API client can take with the right scope"). Each mutation either names the scopes a key needs to
 * take it, or the reason no key may. tests/integration/api-coverage.test.ts fails on a mutation of the SDL that is
 * missing here, so a new mutation comes with a decision; /developers prints this table. Pure and client-safe.
 *
 * A key holding a write scope acts as its named service account (SERVICE_ACCOUNT_SCOPES): the history and the
 * record's author columns name it. The manager decisions (keyaccounts:decide, notices:approve, visits:approve) are
 * scopes too: an admin granting one delegates that decision to the integrating system, and the decider columns
 * (decidedById, approvedById, evaluatorId) name the key's service account.
 */
export type WithoutApiReason =
  /** Administration a key must not hold: minting keys, editing users and departments, registering webhook endpoints
   * (which receive every domain's events) would reach beyond the key's own scopes. */
  | 'administration'
  /** What belongs to one staff member: their notifications, their report subscriptions (mailed to them), their
   * weekly itinerary and the problems they log from their own visits. */
  | 'personal'
  /** Not a console action: a customer's or visitor's own answer in the portal or through a signed link. */
  | 'customerSide'
  /** The schema's placeholder root field; it does nothing. */
  | 'placeholder';

export type MutationAccess = { scopes: readonly Permission[] } | { without: WithoutApiReason };

const scopes = (...s: Permission[]): MutationAccess => ({ scopes: s });
const without = (reason: WithoutApiReason): MutationAccess => ({ without: reason });

// Workflow steps: the policy lets readers in, the service then asks an API key for complaints:workflow.
const WORKFLOW = scopes('complaints:workflow', 'interactions:read');

export const MUTATION_ACCESS: Readonly<Record<string, MutationAccess>> = {
  _noop: without('placeholder'),
  // Administration
  createApiKey: without('administration'),
  revokeApiKey: without('administration'),
  rotateApiKey: without('administration'),
  setApiKeyRateLimit: without('administration'),
  createUser: without('administration'),
  setUserActive: without('administration'),
  createDepartment: without('administration'),
  updateDepartment: without('administration'),
  updateUser: without('administration'),
  createWebhookEndpoint: without('administration'),
  updateWebhookEndpoint: without('administration'),
  rotateWebhookSecret: without('administration'),
  deleteWebhookEndpoint: without('administration'),
  sendWebhookTestEvent: without('administration'),
  redeliverWebhook: without('administration'),
  updateWebhookSettings: without('administration'),
  // Customers
  createCustomer: scopes('customers:write'),
  updateCustomer: scopes('customers:write'),
  archiveCustomer: scopes('customers:write'),
  restoreCustomer: scopes('customers:write'),
  importCustomers: scopes('customers:import'),
  evaluateCustomerGrade: scopes('customers:write'),
  overrideCustomerGrade: scopes('customers:write'),
  updateCustomerGradeForm: scopes('settings:manage'),
  // Intake and complaints
  submitInteraction: scopes('interactions:write'),
  recordInteraction: scopes('interactions:write'),
  convertToComplaint: scopes('interactions:write'),
  addInteractionAttachments: scopes('interactions:write'),
  answerInteraction: scopes('interactions:write'),
  triageComplaint: WORKFLOW,
  declineInteraction: WORKFLOW,
  advanceComplaint: WORKFLOW,
  verifyComplaint: WORKFLOW,
  addComplaintAction: WORKFLOW,
  updateComplaintAction: WORKFLOW,
  saveEightD: WORKFLOW,
  respondToResolution: without('customerSide'),
  respondToTrackedResolution: without('customerSide'),
  respondToResolutionByLink: without('customerSide'),
  // Callbacks
  recordCallback: scopes('callbacks:write'),
  createCallback: scopes('callbacks:write'),
  reassignCallback: scopes('callbacks:write'),
  cancelCallback: scopes('callbacks:write'),
  // Periodic callback programmes (a segment called back every N months): the service rules and the callbacks.
  createCallbackProgramme: scopes('settings:manage', 'callbacks:write'),
  updateCallbackProgramme: scopes('settings:manage', 'callbacks:write'),
  runCallbackProgramme: scopes('settings:manage', 'callbacks:write'),
  // Surveys
  createSurveyTemplate: scopes('surveys:manage'),
  updateSurveyTemplate: scopes('surveys:manage'),
  archiveSurveyTemplate: scopes('surveys:manage'),
  createSurveyCampaign: scopes('surveys:manage'),
  updateSurveyCampaign: scopes('surveys:manage'),
  launchSurveyCampaign: scopes('surveys:manage'),
  closeSurveyCampaign: scopes('surveys:manage'),
  sendSurveyReminders: scopes('surveys:manage'),
  updateAnnualIndexCriteria: scopes('surveys:manage'),
  enterSurveyResponse: scopes('surveys:respond'),
  createSurveyFollowUpCallback: scopes('callbacks:write'),
  createSurveyFollowUpComplaint: scopes('interactions:write'),
  saveSurveyDraft: without('customerSide'),
  submitSurveyResponse: without('customerSide'),
  // Service rules (the complaint clock's configuration)
  createSlaRule: scopes('settings:manage'),
  updateSlaRule: scopes('settings:manage'),
  setSlaRuleActive: scopes('settings:manage'),
  updateBusinessHours: scopes('settings:manage'),
  addCalendarDays: scopes('settings:manage'),
  updateCalendarDay: scopes('settings:manage'),
  removeCalendarDay: scopes('settings:manage'),
  importOfficialHolidays: scopes('settings:manage'),
  updateApprovalAuthority: scopes('settings:manage'),
  updateEscalationPolicy: scopes('settings:manage'),
  // Key accounts
  proposeKeyAccount: scopes('keyaccounts:write'),
  recomputeKeyAccountCandidates: scopes('keyaccounts:write'),
  setCustomerKeyAccountFlags: scopes('keyaccounts:write'),
  approveKeyAccountNomination: scopes('keyaccounts:decide'),
  rejectKeyAccountNomination: scopes('keyaccounts:decide'),
  updateKeyAccountCriteria: scopes('keyaccounts:decide'),
  generateKeyAccountExchangeSummary: scopes('keyaccounts:write'),
  updateKeyAccountExchangeSummary: scopes('keyaccounts:write'),
  issueKeyAccountExchangeSummary: scopes('keyaccounts:write'),
  completeKeyAccountObligation: scopes('keyaccounts:write'),
  rescheduleKeyAccountObligation: scopes('keyaccounts:write'),
  requestQualityReport: scopes('keyaccounts:write'),
  updateObligationSchedule: scopes('settings:manage'),
  // Notices
  createNotice: scopes('notices:write'),
  updateNotice: scopes('notices:write'),
  submitNotice: scopes('notices:write'),
  withdrawNotice: scopes('notices:write'),
  approveNotice: scopes('notices:approve'),
  acknowledgeNotice: without('customerSide'),
  // Visits
  logVisit: scopes('visits:write'),
  registerVisitProblem: without('personal'),
  saveItinerary: without('personal'),
  submitItinerary: without('personal'),
  reviseItinerary: without('personal'),
  decideItinerary: scopes('visits:approve'),
  updateVisitRules: scopes('visits:approve'),
  setCustomerVisitInterval: scopes('visits:approve'),
  confirmScheduledVisit: without('customerSide'),
  // Work orders
  createWorkOrder: scopes('workorders:write'),
  assignWorkOrder: scopes('workorders:write'),
  advanceWorkOrder: scopes('workorders:write'),
  recordWorkOrderWork: scopes('workorders:write'),
  signOffWorkOrder: scopes('workorders:write'),
  flagWorkOrderComplaint: scopes('workorders:write'),
  registerWorkOrderComplaint: scopes('workorders:write'),
  addWorkOrderWarrantyLine: scopes('workorders:write'),
  reportBackWorkOrder: scopes('workorders:write'),
  closeWorkOrder: scopes('workorders:write'),
  cancelWorkOrder: scopes('workorders:write'),
  confirmWorkOrderVisit: scopes('workorders:write'),
  // Personal
  markNotificationsRead: without('personal'),
  markAllNotificationsRead: without('personal'),
  createReportSubscription: without('personal'),
  deleteReportSubscription: without('personal'),
};

export const WITHOUT_API_REASONS: readonly WithoutApiReason[] = [
  'administration',
  'personal',
  'customerSide',
  'placeholder',
];
