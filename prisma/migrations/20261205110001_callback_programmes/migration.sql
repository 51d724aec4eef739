-- AlterTable
ALTER TABLE "Callback" ADD COLUMN     "programmeId" UUID,
ADD COLUMN     "programmeSeq" INTEGER;

-- CreateTable
CREATE TABLE "CallbackProgramme" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "segment" JSONB NOT NULL,
    "intervalMonths" INTEGER NOT NULL DEFAULT 2,
    "assignToOwner" BOOLEAN NOT NULL DEFAULT true,
    "assigneeId" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastRunAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallbackProgramme_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CallbackProgramme_active_idx" ON "CallbackProgramme"("active");

-- CreateIndex
CREATE UNIQUE INDEX "Callback_programmeId_customerId_programmeSeq_key" ON "Callback"("programmeId", "customerId", "programmeSeq");

-- AddForeignKey
ALTER TABLE "Callback" ADD CONSTRAINT "Callback_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "CallbackProgramme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallbackProgramme" ADD CONSTRAINT "CallbackProgramme_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
