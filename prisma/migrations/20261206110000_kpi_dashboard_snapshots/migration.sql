-- The KPI dashboard's snapshots per role, period and filter (issue 14: under 300 ms over years of history).
CREATE TABLE "KpiDashboardSnapshot" (
    "key" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "period" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "model" JSONB NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,
    "computeMs" INTEGER NOT NULL,

    CONSTRAINT "KpiDashboardSnapshot_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "KpiDashboardSnapshot_readAt_idx" ON "KpiDashboardSnapshot"("readAt");
