-- Drift and live performance from the decision log: each model version's training profile, hourly
-- drift windows filled incrementally after a cursor on the decision batches, alerts raised once per
-- (version, window, feature, measure), and the true outcomes of decisions that arrive later.
ALTER TABLE "model_versions" ADD COLUMN "training_profile" JSONB;

CREATE TABLE "drift_cursor" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_batch_seq" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "drift_cursor_pkey" PRIMARY KEY ("id")
);
INSERT INTO "drift_cursor" ("id", "last_batch_seq") VALUES (1, 0);

CREATE TABLE "drift_windows" (
    "model_version_id" UUID NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "decisions" INTEGER NOT NULL,
    "counts" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "drift_windows_pkey" PRIMARY KEY ("model_version_id", "window_start")
);
ALTER TABLE "drift_windows" ADD CONSTRAINT "drift_windows_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "drift_alerts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "model_version_id" UUID NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "feature" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "decisions" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "drift_alerts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "drift_alerts_model_version_id_window_start_feature_measure_key" ON "drift_alerts"("model_version_id", "window_start", "feature", "measure");
CREATE INDEX "drift_alerts_model_version_id_created_at_idx" ON "drift_alerts"("model_version_id", "created_at" DESC);
ALTER TABLE "drift_alerts" ADD CONSTRAINT "drift_alerts_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "decision_outcomes" (
    "decision_id" UUID NOT NULL,
    "model_version_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "value" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recorded_by" TEXT NOT NULL,
    CONSTRAINT "decision_outcomes_pkey" PRIMARY KEY ("decision_id")
);
CREATE INDEX "decision_outcomes_model_version_id_decided_at_idx" ON "decision_outcomes"("model_version_id", "decided_at");
ALTER TABLE "decision_outcomes" ADD CONSTRAINT "decision_outcomes_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "decision_outcomes" ADD CONSTRAINT "decision_outcomes_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

