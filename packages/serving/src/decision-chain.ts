// Tamper evidence for the decision log. Each group-committed write is one batch: the SHA-256 of its
// decisions' canonical form (sorted by id), chained to the previous batch's hash by
// record_decision_batch() in SQL; signed checkpoints (packages/db/audit-checkpoints.ts) pin the
// chain's head. Verification reads every batch back and recomputes both hashes.
import { createHash } from "node:crypto";
import { canonicalJson } from "@roundhouse/db/canonical-json";
import type pg from "pg";
import type { DecisionEntry } from "./decision-log.ts";

export const GENESIS_BATCH_HASH = "0".repeat(64);
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The hashed form of one decision: every stored field, as it reads back from the database. */
function hashedForm(d: DecisionEntry) {
  return {
    id: d.id,
    at: d.at.toISOString(),
    caller: d.caller,
    modelName: d.modelName,
    alias: d.alias,
    modelVersionId: d.modelVersionId,
    requestId: d.requestId,
    input: d.input,
    output: d.output,
    reasons: d.reasons,
    warnings: d.warnings,
  };
}

export function decisionsDigest(entries: DecisionEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sha256(canonicalJson(sorted.map(hashedForm)));
}

export const chainHash = (prevHash: string, decisionsHash: string) => sha256(prevHash + decisionsHash);

export interface DecisionChainReport {
  ok: boolean;
  batches: number;
  decisions: number;
  head: { seq: string; hash: string } | null;
  firstBroken: { batchSeq: string; reason: string } | null;
}

/** Runs one query and returns its rows: a pg pool's, or Prisma's $queryRawUnsafe. */
export type RowQuery = <T>(sql: string, params: unknown[]) => Promise<T[]>;

export const pgRows =
  (pool: pg.Pool | pg.Client): RowQuery =>
  async <T>(sql: string, params: unknown[]) =>
    (await pool.query(sql, params)).rows as T[];

/** Walks every batch in order, recomputing its decisions' digest and its link to the one before. */
export async function verifyDecisionChain(query: RowQuery): Promise<DecisionChainReport> {
  let prev = GENESIS_BATCH_HASH;
  let batches = 0;
  let decisions = 0;
  let after = "0";
  let head: DecisionChainReport["head"] = null;
  while (true) {
    const rows = await query<{ seq: string; count: number; decisions_hash: string; prev_hash: string; hash: string }>(
      "SELECT seq::text, count, decisions_hash, prev_hash, hash FROM decision_batches WHERE seq > $1::bigint ORDER BY decision_batches.seq LIMIT 200",
      [after],
    );
    if (rows.length === 0) return { ok: true, batches, decisions, head, firstBroken: null };
    const stored = await query<DecisionEntry & { batch_seq: string }>(
      `SELECT id, at, caller, model_name AS "modelName", alias, model_version_id AS "modelVersionId", request_id AS "requestId",
              input, output, reasons, warnings, batch_seq::text
       FROM decisions WHERE batch_seq > $1::bigint AND batch_seq <= $2::bigint`,
      [after, rows[rows.length - 1]?.seq],
    );
    const byBatch = new Map<string, DecisionEntry[]>();
    for (const d of stored) byBatch.set(d.batch_seq, [...(byBatch.get(d.batch_seq) ?? []), { ...d, reasons: d.reasons ?? [] }]);
    for (const b of rows) {
      const broken = (reason: string) => ({ ok: false, batches, decisions, head, firstBroken: { batchSeq: b.seq, reason } });
      const own = byBatch.get(b.seq) ?? [];
      if (b.prev_hash !== prev) return broken("its previous-hash does not match the batch before it (a batch was removed)");
      if (chainHash(b.prev_hash, b.decisions_hash) !== b.hash)
        return broken("its hash does not match its content (the batch was modified)");
      if (own.length !== b.count)
        return broken(`it holds ${own.length} decisions but recorded ${b.count} (decisions were added or removed)`);
      if (decisionsDigest(own) !== b.decisions_hash) return broken("its decisions do not match their hash (a decision was modified)");
      prev = b.hash;
      head = { seq: b.seq, hash: b.hash };
      batches++;
      decisions += own.length;
    }
    after = rows[rows.length - 1]?.seq ?? after;
  }
}
