-- Editable notes and tags on runs. Existing runs start with the tags their job's spec was submitted with.
ALTER TABLE "runs" ADD COLUMN "note" TEXT NOT NULL DEFAULT '';
ALTER TABLE "runs" ADD COLUMN "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

UPDATE "runs" AS r
SET "tags" = ARRAY(SELECT jsonb_array_elements_text(j."spec" -> 'metadata' -> 'tags'))
FROM "training_jobs" AS j
WHERE j."id" = r."job_id" AND jsonb_typeof(j."spec" -> 'metadata' -> 'tags') = 'array';

