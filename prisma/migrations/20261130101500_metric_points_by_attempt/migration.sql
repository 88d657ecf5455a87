-- Per-iteration points belong to a job's attempt, not to a run: the run row is now written only in
-- the transaction that completes the job, so a killed attempt leaves no run behind.
ALTER TABLE "runs" ADD COLUMN "attempt" INTEGER NOT NULL DEFAULT 1;
UPDATE "runs" r SET "attempt" = greatest(j."attempts", 1) FROM "training_jobs" j WHERE j."id" = r."job_id";

ALTER TABLE "metric_points" ADD COLUMN "job_id" UUID, ADD COLUMN "attempt" INTEGER;
UPDATE "metric_points" p SET "job_id" = r."job_id", "attempt" = r."attempt" FROM "runs" r WHERE r."id" = p."run_id";
DELETE FROM "metric_points" WHERE "job_id" IS NULL;
ALTER TABLE "metric_points" DROP CONSTRAINT "metric_points_pkey";
ALTER TABLE "metric_points" DROP CONSTRAINT "metric_points_run_id_fkey";
ALTER TABLE "metric_points" DROP COLUMN "run_id";
ALTER TABLE "metric_points" ALTER COLUMN "job_id" SET NOT NULL, ALTER COLUMN "attempt" SET NOT NULL;
ALTER TABLE "metric_points" ADD CONSTRAINT "metric_points_pkey" PRIMARY KEY ("job_id", "attempt", "name", "iteration");
ALTER TABLE "metric_points" ADD CONSTRAINT "metric_points_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "training_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Runs that an attempt started and never finished (the old write order) are leftovers of a killed
-- process: no artifact or model version refers to them once their job has ended.
DELETE FROM "runs" r USING "training_jobs" j
 WHERE j."id" = r."job_id" AND r."finished_at" IS NULL AND j."status" IN ('succeeded', 'failed', 'cancelled')
   AND NOT EXISTS (SELECT 1 FROM "artifacts" a WHERE a."run_id" = r."id")
   AND NOT EXISTS (SELECT 1 FROM "model_versions" v WHERE v."run_id" = r."id");
