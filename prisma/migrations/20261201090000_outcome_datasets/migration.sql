-- Outcomes read from an outcome dataset keep the exact version they came from (provenance).
ALTER TABLE "decision_outcomes" ADD COLUMN "dataset_version_id" UUID;
ALTER TABLE "decision_outcomes" ADD CONSTRAINT "decision_outcomes_dataset_version_id_fkey" FOREIGN KEY ("dataset_version_id") REFERENCES "dataset_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
