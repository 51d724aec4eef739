-- CreateEnum
CREATE TYPE "ExchangeSummaryStatus" AS ENUM ('DRAFT', 'ISSUED');

-- CreateTable
CREATE TABLE "KeyAccountExchangeSummary" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "status" "ExchangeSummaryStatus" NOT NULL DEFAULT 'DRAFT',
    "figures" JSONB NOT NULL,
    "figuresAt" TIMESTAMP(3) NOT NULL,
    "customerNeeds" TEXT,
    "difficulties" TEXT,
    "measures" TEXT,
    "recipientDepartmentIds" UUID[],
    "issuedAt" TIMESTAMP(3),
    "issuedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeyAccountExchangeSummary_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KeyAccountExchangeSummary_status_createdAt_id_idx" ON "KeyAccountExchangeSummary"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "KeyAccountExchangeSummary_createdAt_id_idx" ON "KeyAccountExchangeSummary"("createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "KeyAccountExchangeSummary_customerId_period_key" ON "KeyAccountExchangeSummary"("customerId", "period");

-- AddForeignKey
ALTER TABLE "KeyAccountExchangeSummary" ADD CONSTRAINT "KeyAccountExchangeSummary_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyAccountExchangeSummary" ADD CONSTRAINT "KeyAccountExchangeSummary_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
