-- AlterTable
ALTER TABLE "ItineraryItem" ADD COLUMN     "customerConfirmedAt" TIMESTAMP(3);
