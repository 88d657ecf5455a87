-- AlterTable
ALTER TABLE "training_jobs" ADD COLUMN     "reproduces_job_id" UUID;

