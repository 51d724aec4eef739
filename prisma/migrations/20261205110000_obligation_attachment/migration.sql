-- The file on a key-account obligation's done record (issue 12 item 2).
ALTER TABLE "Attachment" ADD COLUMN     "obligationId" UUID;
CREATE INDEX "Attachment_obligationId_idx" ON "Attachment"("obligationId");
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_obligationId_fkey" FOREIGN KEY ("obligationId") REFERENCES "KeyAccountObligation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
