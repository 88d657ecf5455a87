-- AlterEnum
ALTER TYPE "DatasetSourceKind" ADD VALUE 'scored';

-- AlterEnum
ALTER TYPE "JobKind" ADD VALUE 'score';

-- AlterTable
ALTER TABLE "training_jobs" ADD COLUMN     "result" JSONB;

