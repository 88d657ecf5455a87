// Signed checkpoints: the heads of the audit chain and the decision-batch chain, signed with an
// Ed25519 key that lives outside the database (ROUNDHOUSE_HOME/keys, or ROUNDHOUSE_AUDIT_KEY).
// Stored in audit_checkpoints and appended to a file beside the key, so a database superuser who
// rewrites or truncates a chain cannot make it match what was signed before.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  type Checkpoint,
  type CheckpointReport,
  checkCheckpoints,
  checkpointPayload,
  GENESIS_HASH,
  hashedFieldsOf,
  keyIdOf,
} from "./audit-offline.ts";
import type { Db } from "./client.ts";

export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  /** The JSON Lines file every checkpoint is appended to. */
  logFile: string;
}

/** Where the key is: ROUNDHOUSE_AUDIT_KEY, else ROUNDHOUSE_HOME/keys/audit-signing.pem. */
export function auditKeyFile(env = process.env): string {
  if (env.ROUNDHOUSE_AUDIT_KEY) return path.resolve(env.ROUNDHOUSE_AUDIT_KEY);
  return path.join(path.resolve(env.ROUNDHOUSE_HOME ?? ".roundhouse"), "keys", "audit-signing.pem");
}

/**
 * The signing key, made on first use (private key mode 0600, public key beside it as .pub.pem).
 * Every process of one installation reads the same file, so all sign with one key.
 */
export function loadAuditSigningKey(file = auditKeyFile()): AuditSigningKey {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync("ed25519");
    try {
      fs.writeFileSync(file, pair.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
    } catch (err) {
      // Another process made it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  const privateKey = createPrivateKey(fs.readFileSync(file));
  const publicKey = createPublicKey(privateKey);
  const publicFile = file.replace(/(\.pem)?$/, ".pub.pem");
  if (!fs.existsSync(publicFile)) fs.writeFileSync(publicFile, publicKey.export({ type: "spki", format: "pem" }), { mode: 0o644 });
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), logFile: path.join(path.dirname(file), "audit-checkpoints.jsonl") };
}

async function heads(client: Db) {
  const audit = await client.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const batch = await client.decisionBatch.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  return {
    auditSeq: String(audit?.seq ?? 0n),
    auditHash: audit?.hash ?? GENESIS_HASH,
    decisionBatchSeq: String(batch?.seq ?? 0n),
    decisionBatchHash: batch?.hash ?? GENESIS_HASH,
  };
}

const toCheckpoint = (row: {
  at: Date;
  auditSeq: bigint;
  auditHash: string;
  decisionBatchSeq: bigint;
  decisionBatchHash: string;
  keyId: string;
  signature: string;
}): Checkpoint => ({
  at: row.at.toISOString(),
  auditSeq: String(row.auditSeq),
  auditHash: row.auditHash,
  decisionBatchSeq: String(row.decisionBatchSeq),
  decisionBatchHash: row.decisionBatchHash,
  keyId: row.keyId,
  signature: row.signature,
});

/**
 * Signs where both chains stand now, stores it and appends it to the checkpoint file. When neither
 * chain moved since the last checkpoint, returns that one and writes nothing.
 */
export async function writeCheckpoint(client: Db, key: AuditSigningKey): Promise<Checkpoint> {
  const now = await heads(client);
  const last = await client.auditCheckpoint.findFirst({ orderBy: { seq: "desc" } });
  if (
    last &&
    String(last.auditSeq) === now.auditSeq &&
    String(last.decisionBatchSeq) === now.decisionBatchSeq &&
    last.keyId === key.keyId
  ) {
    return toCheckpoint(last);
  }
  const unsigned = { at: new Date().toISOString(), ...now, keyId: key.keyId };
  const checkpoint: Checkpoint = { ...unsigned, signature: sign(null, checkpointPayload(unsigned), key.privateKey).toString("base64") };
  await client.auditCheckpoint.create({
    data: {
      ...checkpoint,
      at: new Date(checkpoint.at),
      auditSeq: BigInt(checkpoint.auditSeq),
      decisionBatchSeq: BigInt(checkpoint.decisionBatchSeq),
    },
  });
  fs.appendFileSync(key.logFile, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}

/** Checkpoints from the file (which the database cannot rewrite); unreadable lines are skipped. */
export function readCheckpointFile(file: string): Checkpoint[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Checkpoint];
      } catch {
        return [];
      }
    });
}

export async function listCheckpoints(client: Db): Promise<Checkpoint[]> {
  return (await client.auditCheckpoint.findMany({ orderBy: { seq: "asc" } })).map(toCheckpoint);
}

/**
 * Checks every checkpoint (from the database and the file) against the chains as stored now. Run
 * after the chain walks: they prove each chain is internally consistent; this proves it is still
 * the chain that was signed.
 */
export async function verifyCheckpoints(client: Db, key: Pick<AuditSigningKey, "publicKey" | "logFile">): Promise<CheckpointReport> {
  const bySignature = new Map<string, Checkpoint>();
  for (const c of [...readCheckpointFile(key.logFile), ...(await listCheckpoints(client))]) bySignature.set(c.signature, c);
  const all = [...bySignature.values()];
  const auditSeqs = [...new Set(all.map((c) => BigInt(c.auditSeq)))];
  const batchSeqs = [...new Set(all.map((c) => BigInt(c.decisionBatchSeq)))];
  const auditHashes = new Map(
    (await client.auditEvent.findMany({ where: { seq: { in: auditSeqs } }, select: { seq: true, hash: true } })).map((e) => [
      e.seq,
      e.hash,
    ]),
  );
  const batchHashes = new Map(
    (await client.decisionBatch.findMany({ where: { seq: { in: batchSeqs } }, select: { seq: true, hash: true } })).map((b) => [
      b.seq,
      b.hash,
    ]),
  );
  const now = await heads(client);
  return checkCheckpoints(all, key.publicKey, {
    auditHead: BigInt(now.auditSeq),
    auditHashAt: (s) => auditHashes.get(s),
    decisions: { head: BigInt(now.decisionBatchSeq), hashAt: (s) => batchHashes.get(s) },
  });
}

/** The export for offline verification: every event in order, then every checkpoint (JSON Lines). */
export async function* exportAuditTrail(client: Db, batchSize = 2000): AsyncGenerator<string> {
  let after = 0n;
  while (true) {
    const events = await client.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: batchSize });
    if (events.length === 0) break;
    for (const e of events) {
      yield `${JSON.stringify({ type: "event", seq: String(e.seq), hash: e.hash, ...hashedFieldsOf(e) })}\n`;
    }
    after = events[events.length - 1]?.seq ?? after;
  }
  for (const c of await listCheckpoints(client)) yield `${JSON.stringify({ type: "checkpoint", ...c })}\n`;
}
