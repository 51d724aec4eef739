import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types for the server (schema-first SDL under src/graphql/*/schema.graphql) and typed documents for the
// UI's own operations (graphql(`…`) calls in src/app and src/components, and the fragments of the client hooks in
// src/lib that read them, such as ActivityMessageFields). Generated files are never edited.
const config: CodegenConfig = {
  schema: 'src/graphql/*/schema.graphql',
  documents: ['src/app/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    'src/graphql/resolvers-types.generated.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '@/graphql/context#GraphQLContext',
        scalars: {
          DateTime: { input: 'Date', output: 'Date | string' },
          Date: { input: 'Date', output: 'Date | string' },
          Money: { input: 'string', output: 'string | { toFixed(digits: number): string }' },
          JSON: 'unknown',
        },
        mappers: {
          Customer: '@/graphql/mappers#CustomerModel',
          Contact: '@/graphql/mappers#ContactModel',
          Contract: '@/graphql/mappers#ContractModel',
          Department: '@/graphql/mappers#DepartmentModel',
          HistoryEntry: '@/graphql/mappers#HistoryEntryModel',
          User: '@/graphql/mappers#UserModel',
          ReportSubscription: '@/graphql/mappers#ReportSubscriptionModel',
          ReportDelivery: '@/graphql/mappers#ReportDeliveryModel',
          ApiKey: '@/graphql/mappers#ApiKeyModel',
          AuditEntry: '@/graphql/directory/directory.service#AuditEntry as AuditEntryModel',
          Viewer: '@/graphql/mappers#ViewerModel',
          CustomerConnection: '@/graphql/mappers#CustomerConnectionModel',
          Interaction: '@/graphql/mappers#InteractionModel',
          Attachment: '@/graphql/mappers#AttachmentModel',
          InteractionConnection: '@/graphql/mappers#InteractionConnectionModel',
          TimelineEntry: '@/graphql/mappers#TimelineEntryModel',
          InteractionLookup: '@/graphql/mappers#InteractionLookupModel',
          ComplaintAction: '@/graphql/mappers#ComplaintActionModel',
          Approval: '@/graphql/mappers#ApprovalModel',
          EightDReport: '@/graphql/mappers#EightDReportModel',
          // callbacks module
          Callback: '@/graphql/mappers#CallbackModel',
          CustomerGradeEvaluation: '@/graphql/mappers#CustomerGradeEvaluationModel',
          CustomerGradeEvaluationConnection: '@/graphql/mappers#CustomerGradeEvaluationConnectionModel',
          // visits module
          VisitCycle: '@/graphql/mappers#VisitCycleModel',
          VisitCycleConnection: '@/graphql/mappers#VisitCycleConnectionModel',
          Itinerary: '@/graphql/mappers#ItineraryModel',
          ItineraryItem: '@/graphql/mappers#ItineraryItemModel',
          VisitLog: '@/graphql/mappers#VisitLogModel',
          VisitLogConnection: '@/graphql/mappers#VisitLogConnectionModel',
          VisitMonthlyStats: '@/graphql/mappers#VisitMonthlyStatsModel',
          VisitStatsRow: '@/graphql/mappers#VisitStatsRowModel',
          VisitRules: '@/graphql/mappers#VisitRulesModel',
          // key-account obligations module
          KeyAccountObligation: '@/graphql/mappers#KeyAccountObligationModel',
          // callback programmes module
          CallbackProgramme: '@/graphql/mappers#CallbackProgrammeModel',
          // surveys module
          SurveyTemplate: '@/graphql/mappers#SurveyTemplateModel',
          SurveySection: '@/graphql/mappers#SurveySectionModel',
          SurveyDimension: '@/graphql/mappers#SurveyDimensionModel',
          SurveyQuestion: '@/graphql/mappers#SurveyQuestionModel',
          SurveyCampaign: '@/graphql/mappers#SurveyCampaignModel',
          SurveyInvitation: '@/graphql/mappers#SurveyInvitationModel',
          SurveyResponse: '@/graphql/mappers#SurveyResponseModel',
          SurveyAnswer: '@/graphql/mappers#SurveyAnswerModel',
          SurveyCampaignStats: '@/graphql/mappers#SurveyCampaignStatsModel',
          SurveyCampaignConnection: '@/graphql/mappers#SurveyCampaignConnectionModel',
          SurveyInvitationConnection: '@/graphql/mappers#SurveyInvitationConnectionModel',
          SurveyResponseConnection: '@/graphql/mappers#SurveyResponseConnectionModel',
          SurveyTextAnswer: '@/graphql/mappers#SurveyTextAnswerModel',
          SurveyTextAnswerConnection: '@/graphql/mappers#SurveyTextAnswerConnectionModel',
          SurveyForm: '@/graphql/mappers#SurveyFormModel',
          // customer-360 module
          CustomerInteractionConnection: '@/graphql/mappers#CustomerInteractionPageModel',
          CustomerCallbackConnection: '@/graphql/mappers#CustomerCallbackPageModel',
          CustomerSurveyResponseConnection: '@/graphql/mappers#CustomerSurveyResponsePageModel',
          HistoryEntryConnection: '@/graphql/mappers#HistoryEntryPageModel',
          KeyAccount: '@/graphql/mappers#KeyAccountModel',
          // service-rules module
          ServiceRuleChange: '@/graphql/mappers#HistoryEntryModel',
          SlaRule: '@/graphql/mappers#SlaRuleModel',
          // key-accounts module
          KeyAccountNomination: '@/graphql/mappers#KeyAccountNominationModel',
          KeyAccountNominationConnection: '@/graphql/mappers#KeyAccountNominationConnectionModel',
          KeyAccountPage: '@/graphql/mappers#KeyAccountPageModel',
          // notifications module
          Notification: '@/graphql/mappers#NotificationModel',
          NotificationConnection: '@/graphql/mappers#NotificationConnectionModel',
          // notices module
          Notice: '@/graphql/mappers#NoticeModel',
          // key-account summaries module
          KeyAccountExchangeSummary: '@/graphql/mappers#KeyAccountExchangeSummaryModel',
          KeyAccountExchangeSummaryConnection: '@/graphql/mappers#KeyAccountExchangeSummaryConnectionModel',
          // work-orders module
          WorkOrder: '@/graphql/mappers#WorkOrderModel',
          WorkOrderWarrantyLine: '@/graphql/mappers#WorkOrderWarrantyLineModel',
          TechnicianWeekStats: '@/graphql/mappers#TechnicianWeekStatsModel',
          // webhooks module
          WebhookEndpoint: '@/graphql/mappers#WebhookEndpointModel',
          WebhookDelivery: '@/graphql/mappers#WebhookDeliveryModel',
        },
      },
    },
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: { unmaskFunctionName: 'getFragmentData' } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Date: 'string', Money: 'string', JSON: 'unknown' },
      },
    },
  },
};
export default config;
