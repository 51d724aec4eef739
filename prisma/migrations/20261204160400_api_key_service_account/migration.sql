-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "serviceAccountId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_serviceAccountId_key" ON "ApiKey"("serviceAccountId");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_serviceAccountId_fkey" FOREIGN KEY ("serviceAccountId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
