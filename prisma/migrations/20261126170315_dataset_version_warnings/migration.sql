-- AlterTable
ALTER TABLE "dataset_versions" ADD COLUMN     "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[];

