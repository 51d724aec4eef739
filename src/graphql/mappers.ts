// Model types the GraphQL resolvers receive as parents (codegen `mappers`). Secrets, and the customer's search text, are
// omitted by the Prisma client.
import type { ApiKey, Customer, User } from '@/generated/prisma/client';
import type { Viewer } from '@/server/viewer';

export type {
  Contact as ContactModel,
  Contract as ContractModel,
  Department as DepartmentModel,
  HistoryEntry as HistoryEntryModel,
  Interaction as InteractionModel,
  Attachment as AttachmentModel,
  SlaRule as SlaRuleModel,
} from '@/generated/prisma/client';
export type UserModel = Omit<User, 'passwordHash'>;
export type CustomerModel = Omit<Customer, 'searchText'>;
export type ApiKeyModel = Omit<ApiKey, 'keyHash' | 'previousKeyHash'>;
export type ViewerModel = Exclude<Viewer, { kind: 'anonymous' }>;
export type CustomerConnectionModel = import('./customers/customer.service').CustomerPage;
export type InteractionConnectionModel = import('./interactions/interaction.service').InteractionPage;
export type TimelineEntryModel = Pick<
  import('@/generated/prisma/client').HistoryEntry,
  'id' | 'action' | 'toState' | 'comment' | 'messageKey' | 'messageParams' | 'createdAt'
>;
export type InteractionLookupModel = Awaited<
  ReturnType<typeof import('./interactions/interaction.service').lookupInteraction>
>;
export type ComplaintActionModel = import('@/generated/prisma/client').ComplaintAction;
export type ApprovalModel = import('@/generated/prisma/client').Approval;
/** Keyed by the interaction (the loader's key); `reportId` is the record's own id. */
export type EightDReportModel = Omit<import('@/generated/prisma/client').EightDReport, 'id'> & {
  id: string;
  reportId: string;
};
export type CallbackModel = import('@/generated/prisma/client').Callback;
export type KeyAccountObligationModel = import('@/generated/prisma/client').KeyAccountObligation;
export type CallbackProgrammeModel = import('@/generated/prisma/client').CallbackProgramme;
export type SurveyTemplateModel = import('@/generated/prisma/client').SurveyTemplate;
export type SurveySectionModel = import('@/generated/prisma/client').SurveySection;
export type SurveyDimensionModel = import('@/generated/prisma/client').SurveyDimension;
export type SurveyQuestionModel = import('@/generated/prisma/client').SurveyQuestion;
export type SurveyCampaignModel = import('@/generated/prisma/client').SurveyCampaign;
export type SurveyInvitationModel = import('@/generated/prisma/client').SurveyInvitation;
export type SurveyResponseModel = import('@/generated/prisma/client').SurveyResponse;
export type SurveyAnswerModel = import('@/generated/prisma/client').SurveyAnswer;
export type SurveyCampaignStatsModel = import('./survey-campaigns/survey-campaign.loaders').CampaignStatsModel;
export type SurveyCampaignConnectionModel = import('./survey-campaigns/survey-campaign.service').CampaignPage;
export type SurveyInvitationConnectionModel = import('./survey-campaigns/survey-campaign.service').InvitationPage;
export type SurveyResponseConnectionModel = import('./survey-responses/survey-response.service').ResponsePage;
export type SurveyTextAnswerModel = import('./survey-analysis/survey-analysis.service').TextAnswerModel;
export type SurveyTextAnswerConnectionModel = import('./survey-analysis/survey-analysis.service').TextAnswerPage;
export type SurveyFormModel = import('./survey-responses/survey-response.service').SurveyFormModel;
export type NotificationModel = import('./notifications/notification.service').NotificationNode;
export type NotificationConnectionModel = import('./notifications/notification.service').NotificationPage;
export type CustomerGradeEvaluationModel = import('@/generated/prisma/client').CustomerGradeEvaluation;
export type CustomerGradeEvaluationConnectionModel =
  import('./customer-grading/customer-grading.service').GradeEvaluationPage;
export type NoticeModel = import('@/generated/prisma/client').Notice;
export type KeyAccountExchangeSummaryModel = import('@/generated/prisma/client').KeyAccountExchangeSummary;
export type KeyAccountExchangeSummaryConnectionModel =
  import('./key-account-summaries/key-account-summary.service').SummaryPage;
// customer-360 module
type CustomerPage<T> = import('./customer-360/customer-360.loaders').CustomerPage<T>;
export type CustomerInteractionPageModel = CustomerPage<import('@/generated/prisma/client').Interaction>;
export type CustomerCallbackPageModel = CustomerPage<import('@/generated/prisma/client').Callback>;
export type CustomerSurveyResponsePageModel = CustomerPage<import('@/generated/prisma/client').SurveyResponse>;
export type HistoryEntryPageModel = CustomerPage<import('@/generated/prisma/client').HistoryEntry>;
export type KeyAccountModel = {
  customerId: string;
  status: import('@/generated/prisma/client').KeyAccountStatus;
  ownerId: string | null;
};
export type KeyAccountNominationModel = import('@/generated/prisma/client').KeyAccountNomination;
export type KeyAccountNominationConnectionModel = import('./key-accounts/key-account.service').NominationPage;
export type KeyAccountPageModel = import('./key-accounts/key-account.service').KeyAccountPage;
// work-orders module
export type WorkOrderModel = import('@/generated/prisma/client').WorkOrder;
export type WorkOrderWarrantyLineModel = import('@/generated/prisma/client').WorkOrderWarrantyLine;
export type TechnicianWeekStatsModel = import('@/graphql/work-orders/work-order-stats.service').TechnicianWeekRow;
// visits module
export type VisitCycleModel = import('@/generated/prisma/client').VisitCycle;
export type ItineraryModel = import('@/generated/prisma/client').Itinerary;
export type ItineraryItemModel = import('@/generated/prisma/client').ItineraryItem;
export type VisitLogModel = import('@/generated/prisma/client').VisitLog;
export type VisitCycleConnectionModel = import('./visits/visit-cycle.service').DueVisitPage;
export type VisitLogConnectionModel = import('./visits/visit-log.service').VisitLogPage;
export type VisitMonthlyStatsModel = import('./visits/visit-log.service').VisitMonthlyStats;
export type VisitStatsRowModel = import('./visits/visit-log.service').VisitStatsRow;
export type VisitRulesModel = { rules: import('./visits/visit.rules').VisitRules; version: number };
export type WebhookEndpointModel = import('./webhooks/webhook.service').WebhookEndpointView;
export type WebhookDeliveryModel = import('./webhooks/webhook.service').WebhookDeliveryView;
export type ReportSubscriptionModel = import('@/generated/prisma/client').ReportSubscription;
export type ReportDeliveryModel = import('@/generated/prisma/client').ReportDelivery;
