-- Retraining policies (one per registered model) and their runs: each firing is unique per
-- (policy, trigger, due time), so no scheduler can fire one slot twice.
CREATE TABLE "retraining_policies" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "model_id" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "spec" JSONB NOT NULL,
    "on_new_data" BOOLEAN NOT NULL DEFAULT true,
    "schedule" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "on_drift" BOOLEAN NOT NULL DEFAULT false,
    "metric" TEXT NOT NULL,
    "min_improvement" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "alias" TEXT NOT NULL DEFAULT 'production',
    "owner_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "retraining_policies_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "retraining_policies_model_id_key" ON "retraining_policies"("model_id");
ALTER TABLE "retraining_policies" ADD CONSTRAINT "retraining_policies_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "registered_models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "retraining_policies" ADD CONSTRAINT "retraining_policies_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "retraining_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "policy_id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL DEFAULT 'running',
    "reason" TEXT NOT NULL DEFAULT '',
    "job_id" UUID,
    "model_version_id" UUID,
    "promotion_request_id" UUID,
    "comparison" JSONB,
    "evaluating_since" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "retraining_runs_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "retraining_runs_policy_id_trigger_due_at_key" ON "retraining_runs"("policy_id", "trigger", "due_at");
CREATE INDEX "retraining_runs_policy_id_fired_at_idx" ON "retraining_runs"("policy_id", "fired_at" DESC);
CREATE INDEX "retraining_runs_outcome_idx" ON "retraining_runs"("outcome");
ALTER TABLE "retraining_runs" ADD CONSTRAINT "retraining_runs_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "retraining_policies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
