-- CreateEnum
CREATE TYPE "ReportPeriodKind" AS ENUM ('MONTH', 'QUARTER', 'YEAR');

-- CreateEnum
CREATE TYPE "ReportDeliveryStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "ReportSubscription" (
    "id" UUID NOT NULL,
    "periodKind" "ReportPeriodKind" NOT NULL,
    "role" "Role",
    "userId" UUID,
    "deliveryDay" INTEGER NOT NULL DEFAULT 2,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportDelivery" (
    "id" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "periodKind" "ReportPeriodKind" NOT NULL,
    "period" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "status" "ReportDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportSubscription_userId_idx" ON "ReportSubscription"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSubscription_periodKind_role_key" ON "ReportSubscription"("periodKind", "role");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSubscription_periodKind_userId_key" ON "ReportSubscription"("periodKind", "userId");

-- CreateIndex
CREATE INDEX "ReportDelivery_createdAt_idx" ON "ReportDelivery"("createdAt");

-- CreateIndex
CREATE INDEX "ReportDelivery_status_idx" ON "ReportDelivery"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ReportDelivery_recipientId_periodKind_period_key" ON "ReportDelivery"("recipientId", "periodKind", "period");

-- AddForeignKey
ALTER TABLE "ReportSubscription" ADD CONSTRAINT "ReportSubscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSubscription" ADD CONSTRAINT "ReportSubscription_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportDelivery" ADD CONSTRAINT "ReportDelivery_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- CreateIndex
CREATE INDEX "SurveyResponse_submittedAt_idx" ON "SurveyResponse"("submittedAt");
