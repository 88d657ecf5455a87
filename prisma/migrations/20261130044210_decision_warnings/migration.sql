-- AlterTable
ALTER TABLE "decisions" ADD COLUMN     "warnings" JSONB NOT NULL DEFAULT '[]';

