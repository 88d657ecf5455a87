-- Append-style dataset versions: the previous version plus new rows. The version's content hash
-- covers both; source_sha256 keeps the hash of the file that brought the new rows.
ALTER TYPE "DatasetSourceKind" ADD VALUE 'append';
ALTER TABLE "dataset_versions" ADD COLUMN "source_sha256" TEXT;
