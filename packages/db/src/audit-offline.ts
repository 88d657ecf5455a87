// The audit trail's checks that need no database: an event's hash, a checkpoint's signature, and
// the verification of an exported trail (`roundhouse audit verify FILE --public-key KEY`). The
// online verifier (audit-checkpoints.ts) uses the same functions on rows read from PostgreSQL.
import { createHash, createPublicKey, type KeyObject, verify } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";

export const GENESIS_HASH = "0".repeat(64);

export interface HashedFields {
  id: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
}

/** The hashed fields of a stored event row (its seq and own hash are not part of them). */
export function hashedFieldsOf(e: Omit<HashedFields, "at"> & { at: Date }): HashedFields {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    prevHash: e.prevHash,
  };
}

export function hashAuditEvent(fields: HashedFields): string {
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

/** A signed head of both chains. Seqs are decimal strings (they are bigints in the database). */
export interface Checkpoint {
  at: string;
  auditSeq: string;
  auditHash: string;
  decisionBatchSeq: string;
  decisionBatchHash: string;
  keyId: string;
  /** Ed25519 over checkpointPayload(), base64. */
  signature: string;
}

export function checkpointPayload(c: Omit<Checkpoint, "signature">): Buffer {
  const { at, auditSeq, auditHash, decisionBatchSeq, decisionBatchHash, keyId } = c;
  return Buffer.from(canonicalJson({ at, auditSeq, auditHash, decisionBatchSeq, decisionBatchHash, keyId }));
}

/** The first 16 hex digits of the SHA-256 of the public key (SPKI DER): names the key on each checkpoint. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

export function readPublicKey(pem: string): KeyObject {
  return createPublicKey(pem);
}

export function checkpointSignatureOk(c: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, checkpointPayload(c), publicKey, Buffer.from(c.signature, "base64"));
  } catch {
    return false;
  }
}

/** Where the chains stand now, and the stored hash at any seq a checkpoint names. */
export interface ChainHeads {
  auditHead: bigint;
  auditHashAt: (seq: bigint) => string | undefined;
  /** The decision chain as stored; absent where it is not at hand (an export has no decisions). */
  decisions?: { head: bigint; hashAt: (seq: bigint) => string | undefined };
}

export interface CheckpointReport {
  ok: boolean;
  checked: number;
  latest: Checkpoint | null;
  /** The first checkpoint the trail contradicts, and how. */
  firstBroken: { checkpointAt: string; reason: string } | null;
}

/**
 * Checks signed checkpoints against chains that have already been walked and found consistent: each
 * signature must verify, each checkpointed head must still be on its chain with the same hash,
 * and neither chain may have shrunk below the newest checkpoint.
 */
export function checkCheckpoints(checkpoints: Checkpoint[], publicKey: KeyObject, heads: ChainHeads): CheckpointReport {
  const ordered = [...checkpoints].sort((a, b) => a.at.localeCompare(b.at));
  const keyId = keyIdOf(publicKey);
  let checked = 0;
  for (const c of ordered) {
    const broken = (reason: string) => ({ ok: false, checked, latest: c, firstBroken: { checkpointAt: c.at, reason } });
    if (c.keyId !== keyId || !checkpointSignatureOk(c, publicKey))
      return broken(`the checkpoint's signature does not verify with key ${keyId} (a forged or altered checkpoint)`);
    const auditSeq = BigInt(c.auditSeq);
    if (auditSeq > heads.auditHead)
      return broken(`the audit chain ends at event #${heads.auditHead} but this checkpoint signed event #${auditSeq}: events were deleted`);
    if (auditSeq > 0n && heads.auditHashAt(auditSeq) !== c.auditHash)
      return broken(
        `event #${auditSeq} no longer has the signed hash: events up to #${auditSeq} were changed or removed and the chain rehashed`,
      );
    const batchSeq = BigInt(c.decisionBatchSeq);
    const decisions = heads.decisions;
    if (decisions && batchSeq > decisions.head)
      return broken(
        `the decision log ends at batch #${decisions.head} but this checkpoint signed batch #${batchSeq}: decisions were deleted`,
      );
    if (decisions && batchSeq > 0n && decisions.hashAt(batchSeq) !== c.decisionBatchHash)
      return broken(`decision batch #${batchSeq} no longer has the signed hash: decisions up to it were changed or removed`);
    checked++;
  }
  return { ok: true, checked, latest: ordered.at(-1) ?? null, firstBroken: null };
}

/** One line of an export (JSON Lines): an audit event or a checkpoint. */
export type ExportLine = ({ type: "event"; seq: string; hash: string } & HashedFields) | ({ type: "checkpoint" } & Checkpoint);

export interface ExportReport {
  ok: boolean;
  events: number;
  checkpoints: CheckpointReport;
  firstBroken: { seq: string; reason: string } | null;
}

/**
 * Verifies an exported trail offline: the events' chain from the genesis, then the checkpoints
 * against it. Decisions are not in the export; their batch heads are checked online only.
 */
export function verifyExport(lines: ExportLine[], publicKey: KeyObject): ExportReport {
  let prev = GENESIS_HASH;
  let events = 0;
  let head = 0n;
  const hashes = new Map<bigint, string>();
  const checkpoints: Checkpoint[] = [];
  const noCheckpoints: CheckpointReport = { ok: true, checked: 0, latest: null, firstBroken: null };
  for (const line of lines) {
    if (line.type === "checkpoint") {
      checkpoints.push(line);
      continue;
    }
    const { type: _type, seq, hash, ...fields } = line;
    const broken = (reason: string) => ({ ok: false, events, checkpoints: noCheckpoints, firstBroken: { seq, reason } });
    if (fields.prevHash !== prev) return broken("its previous-hash does not match the event before it (an event was removed or reordered)");
    if (hashAuditEvent(fields) !== hash) return broken("its content does not match its hash (the event was modified)");
    prev = hash;
    head = BigInt(seq);
    hashes.set(head, hash);
    events++;
  }
  // The export carries no decisions: their checkpointed heads are checked on the server only.
  const report = checkCheckpoints(checkpoints, publicKey, { auditHead: head, auditHashAt: (s) => hashes.get(s) });
  return { ok: report.ok, events, checkpoints: report, firstBroken: null };
}
