-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SERVICE_AGENT', 'QUALITY_MANAGER', 'DEPARTMENT_HANDLER', 'SERVICE_MANAGER', 'EXECUTIVE', 'DISPATCHER', 'TECHNICIAN', 'CUSTOMER');

-- CreateEnum
CREATE TYPE "CustomerStatus" AS ENUM ('PROSPECT', 'ACTIVE', 'SUSPENDED', 'REVOKED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "CustomerSource" AS ENUM ('TRADE_SHOW', 'REFERRAL', 'ADVERTISEMENT', 'WALK_IN', 'OTHER');

-- CreateEnum
CREATE TYPE "CreditStanding" AS ENUM ('GOOD', 'FAIR', 'POOR');

-- CreateEnum
CREATE TYPE "CustomerGrade" AS ENUM ('A', 'B', 'C', 'D');

-- CreateEnum
CREATE TYPE "KeyAccountStatus" AS ENUM ('NONE', 'CANDIDATE', 'ACTIVE', 'REVOKED');

-- CreateEnum
CREATE TYPE "NominationStatus" AS ENUM ('PROPOSED', 'APPROVED', 'REJECTED', 'REVOKED');

-- CreateEnum
CREATE TYPE "ObligationKind" AS ENUM ('CALLBACK', 'LEADERSHIP_VISIT', 'QUALITY_REPORT', 'TRAINING', 'PRICING_REVIEW', 'EXCHANGE_SUMMARY');

-- CreateEnum
CREATE TYPE "ObligationStatus" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "InteractionType" AS ENUM ('CONSULTATION', 'INQUIRY', 'COMPLAINT', 'SUGGESTION');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('PORTAL', 'PHONE', 'VISIT', 'EMAIL', 'LETTER_FAX', 'API');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('GENERAL', 'MAJOR', 'CRISIS');

-- CreateEnum
CREATE TYPE "CauseClass" AS ENUM ('QUALITY', 'NON_QUALITY');

-- CreateEnum
CREATE TYPE "TriageResult" AS ENUM ('UNREASONABLE', 'WITHIN_AUTHORITY', 'BEYOND_AUTHORITY');

-- CreateEnum
CREATE TYPE "InteractionStatus" AS ENUM ('REGISTERED', 'TRIAGED', 'INVESTIGATING', 'ACTION_PLANNED', 'PENDING_APPROVAL', 'IMPLEMENTING', 'VERIFYING', 'RESOLVED', 'FOLLOW_UP_DONE', 'CLOSED', 'REJECTED', 'REOPENED');

-- CreateEnum
CREATE TYPE "CustomerFeedback" AS ENUM ('ACCEPTED', 'DISPUTED');

-- CreateEnum
CREATE TYPE "WarrantyOutcome" AS ENUM ('REPAIR', 'REPLACE', 'REFUND');

-- CreateEnum
CREATE TYPE "ActionKind" AS ENUM ('CONTAINMENT', 'CORRECTIVE', 'PREVENTIVE');

-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ApprovalStage" AS ENUM ('DISPOSITION', 'CLOSURE');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "CallbackReason" AS ENUM ('POST_RESOLUTION', 'KEY_ACCOUNT', 'PERIODIC');

-- CreateEnum
CREATE TYPE "CallbackStatus" AS ENUM ('PENDING', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "QuestionType" AS ENUM ('RATING_5', 'RATING_10', 'NPS', 'SINGLE_CHOICE', 'MULTI_CHOICE', 'TEXT');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ResponseSource" AS ENUM ('LINK', 'PORTAL', 'PHONE', 'FAX', 'API');

-- CreateEnum
CREATE TYPE "ItineraryStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "WorkOrderStatus" AS ENUM ('CREATED', 'ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'SIGNED_OFF', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "NoticeLevel" AS ENUM ('URGENT', 'IMPORTANT', 'GENERAL', 'REMINDER');

-- CreateTable
CREATE TABLE "Department" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" UUID,
    "headId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "departmentId" UUID,
    "customerId" UUID,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" UUID NOT NULL,
    "contractNo" TEXT,
    "certificateNo" TEXT,
    "name" TEXT NOT NULL,
    "applicationAcceptedAt" DATE,
    "auditDate" DATE,
    "initialAuditFee" DECIMAL(14,2),
    "surveillanceAuditFee" DECIMAL(14,2),
    "plannedSurveillanceDate" DATE,
    "implementationDate" DATE,
    "status" "CustomerStatus" NOT NULL DEFAULT 'ACTIVE',
    "province" TEXT,
    "address" TEXT,
    "postcode" TEXT,
    "contactPerson" TEXT,
    "phone" TEXT,
    "professionalCode" TEXT,
    "certificationScope" TEXT,
    "legalRepresentative" TEXT,
    "handler" TEXT,
    "businessCondition" TEXT,
    "businessLines" TEXT,
    "creditStanding" "CreditStanding" NOT NULL DEFAULT 'GOOD',
    "industry" TEXT,
    "source" "CustomerSource",
    "grade" "CustomerGrade",
    "keyAccountStatus" "KeyAccountStatus" NOT NULL DEFAULT 'NONE',
    "ownerId" UUID,
    "searchText" TEXT NOT NULL DEFAULT '',
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "phone" TEXT,
    "mobile" TEXT,
    "email" TEXT,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "contractNo" TEXT NOT NULL,
    "title" TEXT,
    "amount" DECIMAL(14,2) NOT NULL,
    "signedAt" DATE,
    "startsAt" DATE,
    "endsAt" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerGradeEvaluation" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "evaluatorId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "scores" JSONB NOT NULL,
    "totalScore" DECIMAL(6,2) NOT NULL,
    "grade" "CustomerGrade" NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerGradeEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeyAccountNomination" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "status" "NominationStatus" NOT NULL DEFAULT 'PROPOSED',
    "criteria" JSONB NOT NULL,
    "proposedById" UUID,
    "decidedById" UUID,
    "decisionReason" TEXT,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "KeyAccountNomination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeyAccountObligation" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "nominationId" UUID,
    "kind" "ObligationKind" NOT NULL,
    "status" "ObligationStatus" NOT NULL DEFAULT 'OPEN',
    "ownerId" UUID,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyAccountObligation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Interaction" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "type" "InteractionType" NOT NULL,
    "channel" "Channel" NOT NULL,
    "status" "InteractionStatus" NOT NULL DEFAULT 'REGISTERED',
    "customerId" UUID,
    "companyName" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "contactEmail" TEXT,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "desiredOutcome" TEXT,
    "relatedContractId" UUID,
    "productRef" TEXT,
    "orderRef" TEXT,
    "severity" "Severity",
    "causeClass" "CauseClass",
    "triageResult" "TriageResult",
    "declineReason" TEXT,
    "responsibleDepartmentId" UUID,
    "ownerId" UUID,
    "registeredById" UUID,
    "idempotencyKey" TEXT,
    "isKeyAccount" BOOLEAN NOT NULL DEFAULT false,
    "requires8D" BOOLEAN NOT NULL DEFAULT false,
    "triageDueAt" TIMESTAMP(3),
    "resolutionDueAt" TIMESTAMP(3),
    "callbackDueAt" TIMESTAMP(3),
    "triagedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closureConfirmedById" UUID,
    "customerFeedback" "CustomerFeedback",
    "customerFeedbackComment" TEXT,
    "warrantyOutcome" "WarrantyOutcome",
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "sourceInteractionId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Interaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintAction" (
    "id" UUID NOT NULL,
    "interactionId" UUID NOT NULL,
    "kind" "ActionKind" NOT NULL,
    "description" TEXT NOT NULL,
    "ownerId" UUID,
    "dueAt" TIMESTAMP(3),
    "status" "ActionStatus" NOT NULL DEFAULT 'OPEN',
    "completedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComplaintAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EightDReport" (
    "id" UUID NOT NULL,
    "interactionId" UUID NOT NULL,
    "d1Team" JSONB NOT NULL DEFAULT '[]',
    "d2Problem" TEXT,
    "d3Containment" TEXT,
    "d4RootCauseOccurrence" TEXT,
    "d4RootCauseOutflow" TEXT,
    "d5CorrectiveActions" TEXT,
    "d6Verification" TEXT,
    "d7Prevention" TEXT,
    "fmeaUpdated" BOOLEAN NOT NULL DEFAULT false,
    "controlPlanUpdated" BOOLEAN NOT NULL DEFAULT false,
    "d8Recognition" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EightDReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" UUID NOT NULL,
    "interactionId" UUID NOT NULL,
    "stage" "ApprovalStage" NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "approverId" UUID NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" UUID NOT NULL,
    "interactionId" UUID,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" UUID NOT NULL,
    "interactionId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "notifiedUserIds" UUID[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HistoryEntry" (
    "id" UUID NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "comment" TEXT,
    "changes" JSONB,
    "actorId" UUID,
    "actorLabel" TEXT,
    "visibleToCustomer" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HistoryEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Callback" (
    "id" UUID NOT NULL,
    "customerId" UUID,
    "interactionId" UUID,
    "reason" "CallbackReason" NOT NULL,
    "status" "CallbackStatus" NOT NULL DEFAULT 'PENDING',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "assigneeId" UUID,
    "completedAt" TIMESTAMP(3),
    "accuracyScore" INTEGER,
    "timelinessScore" INTEGER,
    "attitudeScore" INTEGER,
    "otherDissatisfaction" TEXT,
    "suggestions" TEXT,
    "problemFound" BOOLEAN NOT NULL DEFAULT false,
    "resultingInteractionId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Callback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyTemplate" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveySection" (
    "id" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "SurveySection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyDimension" (
    "id" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "weight" DECIMAL(6,4) NOT NULL,

    CONSTRAINT "SurveyDimension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyQuestion" (
    "id" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "sectionId" UUID,
    "dimensionId" UUID,
    "position" INTEGER NOT NULL,
    "type" "QuestionType" NOT NULL,
    "text" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "options" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "SurveyQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyCampaign" (
    "id" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "periodLabel" TEXT NOT NULL,
    "audience" JSONB NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "reminderSchedule" JSONB NOT NULL DEFAULT '[]',
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyInvitation" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "email" TEXT,
    "tokenHash" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3),
    "openedAt" TIMESTAMP(3),
    "respondedAt" TIMESTAMP(3),
    "lastRemindedAt" TIMESTAMP(3),
    "reminderCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "invitationId" UUID,
    "customerId" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "source" "ResponseSource" NOT NULL,
    "enteredById" UUID,
    "draft" JSONB,
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyAnswer" (
    "id" UUID NOT NULL,
    "responseId" UUID NOT NULL,
    "questionId" UUID NOT NULL,
    "numericValue" INTEGER,
    "choiceValues" TEXT[],
    "textValue" TEXT,

    CONSTRAINT "SurveyAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitCycle" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "ownerId" UUID,
    "intervalDays" INTEGER NOT NULL,
    "lastVisitAt" TIMESTAMP(3),
    "nextVisitDue" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Itinerary" (
    "id" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "weekStart" DATE NOT NULL,
    "status" "ItineraryStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMP(3),
    "approvedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "decisionComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Itinerary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItineraryItem" (
    "id" UUID NOT NULL,
    "itineraryId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "plannedAt" TIMESTAMP(3) NOT NULL,
    "purpose" TEXT NOT NULL,

    CONSTRAINT "ItineraryItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitLog" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "itineraryItemId" UUID,
    "visitedAt" TIMESTAMP(3) NOT NULL,
    "summary" TEXT NOT NULL,
    "followUp" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkOrder" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "customerId" UUID NOT NULL,
    "interactionId" UUID,
    "status" "WorkOrderStatus" NOT NULL DEFAULT 'CREATED',
    "dispatcherId" UUID,
    "technicianId" UUID,
    "description" TEXT NOT NULL,
    "scheduledAt" TIMESTAMP(3),
    "visitRecord" TEXT,
    "customerSignoffName" TEXT,
    "signedOffAt" TIMESTAMP(3),
    "fee" DECIMAL(14,2),
    "receiptNo" TEXT,
    "parts" JSONB NOT NULL DEFAULT '[]',
    "returnFeedback" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "level" "NoticeLevel" NOT NULL,
    "audience" JSONB NOT NULL DEFAULT '{}',
    "publishedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "entityType" TEXT,
    "entityId" UUID,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" UUID,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SlaRule" (
    "id" UUID NOT NULL,
    "interactionType" "InteractionType",
    "severity" "Severity",
    "keyAccount" BOOLEAN,
    "triageHours" INTEGER NOT NULL DEFAULT 4,
    "resolutionHours" INTEGER NOT NULL,
    "callbackDays" INTEGER NOT NULL DEFAULT 7,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlaRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATE NOT NULL,
    "isWorkday" BOOLEAN NOT NULL,
    "name" TEXT,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Department_code_key" ON "Department"("code");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE INDEX "User_departmentId_idx" ON "User"("departmentId");

-- CreateIndex
CREATE INDEX "User_customerId_idx" ON "User"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_contractNo_key" ON "Customer"("contractNo");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_certificateNo_key" ON "Customer"("certificateNo");

-- CreateIndex
CREATE INDEX "Customer_name_idx" ON "Customer"("name");

-- CreateIndex
CREATE INDEX "Customer_status_idx" ON "Customer"("status");

-- CreateIndex
CREATE INDEX "Customer_province_idx" ON "Customer"("province");

-- CreateIndex
CREATE INDEX "Customer_industry_idx" ON "Customer"("industry");

-- CreateIndex
CREATE INDEX "Customer_source_idx" ON "Customer"("source");

-- CreateIndex
CREATE INDEX "Customer_creditStanding_idx" ON "Customer"("creditStanding");

-- CreateIndex
CREATE INDEX "Customer_grade_idx" ON "Customer"("grade");

-- CreateIndex
CREATE INDEX "Customer_keyAccountStatus_idx" ON "Customer"("keyAccountStatus");

-- CreateIndex
CREATE INDEX "Customer_professionalCode_idx" ON "Customer"("professionalCode");

-- CreateIndex
CREATE INDEX "Customer_applicationAcceptedAt_idx" ON "Customer"("applicationAcceptedAt");

-- CreateIndex
CREATE INDEX "Customer_auditDate_idx" ON "Customer"("auditDate");

-- CreateIndex
CREATE INDEX "Customer_plannedSurveillanceDate_idx" ON "Customer"("plannedSurveillanceDate");

-- CreateIndex
CREATE INDEX "Customer_implementationDate_idx" ON "Customer"("implementationDate");

-- CreateIndex
CREATE INDEX "Customer_initialAuditFee_idx" ON "Customer"("initialAuditFee");

-- CreateIndex
CREATE INDEX "Customer_surveillanceAuditFee_idx" ON "Customer"("surveillanceAuditFee");

-- CreateIndex
CREATE INDEX "Customer_ownerId_idx" ON "Customer"("ownerId");

-- CreateIndex
CREATE INDEX "Customer_archivedAt_idx" ON "Customer"("archivedAt");

-- CreateIndex
CREATE INDEX "Customer_createdAt_idx" ON "Customer"("createdAt");

-- CreateIndex
CREATE INDEX "Customer_updatedAt_idx" ON "Customer"("updatedAt");

-- CreateIndex
CREATE INDEX "Customer_postcode_idx" ON "Customer"("postcode");

-- CreateIndex
CREATE INDEX "Contact_customerId_idx" ON "Contact"("customerId");

-- CreateIndex
CREATE INDEX "Contact_name_idx" ON "Contact"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_contractNo_key" ON "Contract"("contractNo");

-- CreateIndex
CREATE INDEX "Contract_customerId_idx" ON "Contract"("customerId");

-- CreateIndex
CREATE INDEX "Contract_signedAt_idx" ON "Contract"("signedAt");

-- CreateIndex
CREATE INDEX "CustomerGradeEvaluation_customerId_createdAt_idx" ON "CustomerGradeEvaluation"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "KeyAccountNomination_customerId_idx" ON "KeyAccountNomination"("customerId");

-- CreateIndex
CREATE INDEX "KeyAccountNomination_status_idx" ON "KeyAccountNomination"("status");

-- CreateIndex
CREATE INDEX "KeyAccountObligation_customerId_idx" ON "KeyAccountObligation"("customerId");

-- CreateIndex
CREATE INDEX "KeyAccountObligation_ownerId_status_dueAt_idx" ON "KeyAccountObligation"("ownerId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "KeyAccountObligation_status_dueAt_idx" ON "KeyAccountObligation"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Interaction_number_key" ON "Interaction"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Interaction_idempotencyKey_key" ON "Interaction"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Interaction_customerId_createdAt_idx" ON "Interaction"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "Interaction_type_status_idx" ON "Interaction"("type", "status");

-- CreateIndex
CREATE INDEX "Interaction_status_idx" ON "Interaction"("status");

-- CreateIndex
CREATE INDEX "Interaction_severity_idx" ON "Interaction"("severity");

-- CreateIndex
CREATE INDEX "Interaction_causeClass_idx" ON "Interaction"("causeClass");

-- CreateIndex
CREATE INDEX "Interaction_responsibleDepartmentId_status_idx" ON "Interaction"("responsibleDepartmentId", "status");

-- CreateIndex
CREATE INDEX "Interaction_ownerId_status_idx" ON "Interaction"("ownerId", "status");

-- CreateIndex
CREATE INDEX "Interaction_triageDueAt_idx" ON "Interaction"("triageDueAt");

-- CreateIndex
CREATE INDEX "Interaction_resolutionDueAt_idx" ON "Interaction"("resolutionDueAt");

-- CreateIndex
CREATE INDEX "Interaction_createdAt_idx" ON "Interaction"("createdAt");

-- CreateIndex
CREATE INDEX "Interaction_contactPhone_idx" ON "Interaction"("contactPhone");

-- CreateIndex
CREATE INDEX "ComplaintAction_interactionId_idx" ON "ComplaintAction"("interactionId");

-- CreateIndex
CREATE INDEX "ComplaintAction_ownerId_status_dueAt_idx" ON "ComplaintAction"("ownerId", "status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "EightDReport_interactionId_key" ON "EightDReport"("interactionId");

-- CreateIndex
CREATE INDEX "Approval_interactionId_createdAt_idx" ON "Approval"("interactionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_interactionId_idx" ON "Attachment"("interactionId");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_interactionId_reason_level_key" ON "Escalation"("interactionId", "reason", "level");

-- CreateIndex
CREATE INDEX "HistoryEntry_entityType_entityId_createdAt_idx" ON "HistoryEntry"("entityType", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "HistoryEntry_actorId_idx" ON "HistoryEntry"("actorId");

-- CreateIndex
CREATE INDEX "Callback_assigneeId_status_dueAt_idx" ON "Callback"("assigneeId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Callback_status_dueAt_idx" ON "Callback"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Callback_customerId_idx" ON "Callback"("customerId");

-- CreateIndex
CREATE INDEX "Callback_interactionId_idx" ON "Callback"("interactionId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyTemplate_key_version_key" ON "SurveyTemplate"("key", "version");

-- CreateIndex
CREATE INDEX "SurveySection_templateId_idx" ON "SurveySection"("templateId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyDimension_templateId_code_key" ON "SurveyDimension"("templateId", "code");

-- CreateIndex
CREATE INDEX "SurveyQuestion_templateId_position_idx" ON "SurveyQuestion"("templateId", "position");

-- CreateIndex
CREATE INDEX "SurveyCampaign_status_idx" ON "SurveyCampaign"("status");

-- CreateIndex
CREATE INDEX "SurveyCampaign_periodLabel_idx" ON "SurveyCampaign"("periodLabel");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_tokenHash_key" ON "SurveyInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "SurveyInvitation_campaignId_respondedAt_idx" ON "SurveyInvitation"("campaignId", "respondedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_campaignId_customerId_key" ON "SurveyInvitation"("campaignId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_invitationId_key" ON "SurveyResponse"("invitationId");

-- CreateIndex
CREATE INDEX "SurveyResponse_campaignId_submittedAt_idx" ON "SurveyResponse"("campaignId", "submittedAt");

-- CreateIndex
CREATE INDEX "SurveyResponse_customerId_idx" ON "SurveyResponse"("customerId");

-- CreateIndex
CREATE INDEX "SurveyAnswer_questionId_idx" ON "SurveyAnswer"("questionId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyAnswer_responseId_questionId_key" ON "SurveyAnswer"("responseId", "questionId");

-- CreateIndex
CREATE INDEX "VisitCycle_ownerId_nextVisitDue_idx" ON "VisitCycle"("ownerId", "nextVisitDue");

-- CreateIndex
CREATE UNIQUE INDEX "VisitCycle_customerId_key" ON "VisitCycle"("customerId");

-- CreateIndex
CREATE INDEX "Itinerary_status_idx" ON "Itinerary"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Itinerary_ownerId_weekStart_key" ON "Itinerary"("ownerId", "weekStart");

-- CreateIndex
CREATE INDEX "ItineraryItem_itineraryId_idx" ON "ItineraryItem"("itineraryId");

-- CreateIndex
CREATE INDEX "ItineraryItem_customerId_idx" ON "ItineraryItem"("customerId");

-- CreateIndex
CREATE INDEX "VisitLog_customerId_visitedAt_idx" ON "VisitLog"("customerId", "visitedAt");

-- CreateIndex
CREATE INDEX "VisitLog_userId_visitedAt_idx" ON "VisitLog"("userId", "visitedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WorkOrder_number_key" ON "WorkOrder"("number");

-- CreateIndex
CREATE INDEX "WorkOrder_customerId_idx" ON "WorkOrder"("customerId");

-- CreateIndex
CREATE INDEX "WorkOrder_technicianId_status_idx" ON "WorkOrder"("technicianId", "status");

-- CreateIndex
CREATE INDEX "WorkOrder_status_scheduledAt_idx" ON "WorkOrder"("status", "scheduledAt");

-- CreateIndex
CREATE INDEX "Notice_publishedAt_idx" ON "Notice"("publishedAt");

-- CreateIndex
CREATE INDEX "Notice_level_idx" ON "Notice"("level");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

-- AddForeignKey
ALTER TABLE "Department" ADD CONSTRAINT "Department_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Department" ADD CONSTRAINT "Department_headId_fkey" FOREIGN KEY ("headId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerGradeEvaluation" ADD CONSTRAINT "CustomerGradeEvaluation_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerGradeEvaluation" ADD CONSTRAINT "CustomerGradeEvaluation_evaluatorId_fkey" FOREIGN KEY ("evaluatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyAccountNomination" ADD CONSTRAINT "KeyAccountNomination_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyAccountNomination" ADD CONSTRAINT "KeyAccountNomination_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyAccountNomination" ADD CONSTRAINT "KeyAccountNomination_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyAccountObligation" ADD CONSTRAINT "KeyAccountObligation_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyAccountObligation" ADD CONSTRAINT "KeyAccountObligation_nominationId_fkey" FOREIGN KEY ("nominationId") REFERENCES "KeyAccountNomination"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyAccountObligation" ADD CONSTRAINT "KeyAccountObligation_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_relatedContractId_fkey" FOREIGN KEY ("relatedContractId") REFERENCES "Contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_responsibleDepartmentId_fkey" FOREIGN KEY ("responsibleDepartmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_registeredById_fkey" FOREIGN KEY ("registeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_sourceInteractionId_fkey" FOREIGN KEY ("sourceInteractionId") REFERENCES "Interaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintAction" ADD CONSTRAINT "ComplaintAction_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintAction" ADD CONSTRAINT "ComplaintAction_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EightDReport" ADD CONSTRAINT "EightDReport_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HistoryEntry" ADD CONSTRAINT "HistoryEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Callback" ADD CONSTRAINT "Callback_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Callback" ADD CONSTRAINT "Callback_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Callback" ADD CONSTRAINT "Callback_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Callback" ADD CONSTRAINT "Callback_resultingInteractionId_fkey" FOREIGN KEY ("resultingInteractionId") REFERENCES "Interaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveySection" ADD CONSTRAINT "SurveySection_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "SurveyTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyDimension" ADD CONSTRAINT "SurveyDimension_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "SurveyTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyQuestion" ADD CONSTRAINT "SurveyQuestion_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "SurveyTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyQuestion" ADD CONSTRAINT "SurveyQuestion_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "SurveySection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyQuestion" ADD CONSTRAINT "SurveyQuestion_dimensionId_fkey" FOREIGN KEY ("dimensionId") REFERENCES "SurveyDimension"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyCampaign" ADD CONSTRAINT "SurveyCampaign_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "SurveyTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyCampaign" ADD CONSTRAINT "SurveyCampaign_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "SurveyCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "SurveyCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "SurveyInvitation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "SurveyTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "SurveyResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "SurveyQuestion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitCycle" ADD CONSTRAINT "VisitCycle_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitCycle" ADD CONSTRAINT "VisitCycle_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Itinerary" ADD CONSTRAINT "Itinerary_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Itinerary" ADD CONSTRAINT "Itinerary_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItineraryItem" ADD CONSTRAINT "ItineraryItem_itineraryId_fkey" FOREIGN KEY ("itineraryId") REFERENCES "Itinerary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItineraryItem" ADD CONSTRAINT "ItineraryItem_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitLog" ADD CONSTRAINT "VisitLog_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitLog" ADD CONSTRAINT "VisitLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitLog" ADD CONSTRAINT "VisitLog_itineraryItemId_fkey" FOREIGN KEY ("itineraryItemId") REFERENCES "ItineraryItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_dispatcherId_fkey" FOREIGN KEY ("dispatcherId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_technicianId_fkey" FOREIGN KEY ("technicianId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: the history is append-only (SPEC §4 "every change is in an append-only history").
CREATE FUNCTION "history_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'HistoryEntry is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER "HistoryEntry_append_only"
  BEFORE UPDATE OR DELETE ON "HistoryEntry"
  FOR EACH ROW EXECUTE FUNCTION "history_entry_append_only"();
