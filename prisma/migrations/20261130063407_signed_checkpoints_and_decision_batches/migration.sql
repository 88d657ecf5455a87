-- AlterTable
ALTER TABLE "decisions" ADD COLUMN     "batch_seq" BIGINT;

-- CreateTable
CREATE TABLE "decision_batches" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "count" INTEGER NOT NULL,
    "decisions_hash" TEXT NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "decision_batches_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "audit_checkpoints" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "audit_seq" BIGINT NOT NULL,
    "audit_hash" TEXT NOT NULL,
    "decision_batch_seq" BIGINT NOT NULL,
    "decision_batch_hash" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "decision_batches_hash_key" ON "decision_batches"("hash");

-- CreateIndex
CREATE INDEX "decisions_batch_seq_idx" ON "decisions"("batch_seq");


-- Append-only, like audit_events: checkpoints and batches are never changed, and a decision,
-- once committed and hashed into its batch, is never edited or removed.
CREATE FUNCTION "append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END
$$;

CREATE TRIGGER "decision_batches_no_update_or_delete" BEFORE UPDATE OR DELETE ON "decision_batches"
  FOR EACH ROW EXECUTE FUNCTION "append_only"();
CREATE TRIGGER "decision_batches_no_truncate" BEFORE TRUNCATE ON "decision_batches"
  FOR EACH STATEMENT EXECUTE FUNCTION "append_only"();
CREATE TRIGGER "audit_checkpoints_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION "append_only"();
CREATE TRIGGER "audit_checkpoints_no_truncate" BEFORE TRUNCATE ON "audit_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION "append_only"();
CREATE TRIGGER "decisions_no_update_or_delete" BEFORE UPDATE OR DELETE ON "decisions"
  FOR EACH ROW EXECUTE FUNCTION "append_only"();
CREATE TRIGGER "decisions_no_truncate" BEFORE TRUNCATE ON "decisions"
  FOR EACH STATEMENT EXECUTE FUNCTION "append_only"();

-- One batch of the decision chain. Called inside the statement that inserts the batch's
-- decisions, so batch and decisions commit together. The advisory lock serialises writers from
-- every process; each statement of a volatile function takes a new snapshot, so the previous
-- batch read after the lock is the one committed last.
CREATE FUNCTION "record_decision_batch"(decisions_hash text, decision_count integer) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  prev text;
  new_seq bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(7240313);
  SELECT hash INTO prev FROM decision_batches ORDER BY seq DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  INSERT INTO decision_batches (count, decisions_hash, prev_hash, hash)
    VALUES (decision_count, decisions_hash, prev, encode(sha256(convert_to(prev || decisions_hash, 'UTF8')), 'hex'))
    RETURNING seq INTO new_seq;
  RETURN new_seq;
END
$$;
