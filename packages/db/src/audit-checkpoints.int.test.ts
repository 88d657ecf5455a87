// Tamper evidence that survives a database superuser: the attacks of the security review, each on
// a database of its own, with triggers switched off the way a superuser can. The chain walk alone
// is fooled by a rewrite with recomputed hashes; the signed checkpoints are not.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "../../../test/test-database.ts";
import { audit, verifyAuditChain } from "./audit.ts";
import { type AuditSigningKey, exportAuditTrail, loadAuditSigningKey, verifyCheckpoints, writeCheckpoint } from "./audit-checkpoints.ts";
import { type ExportLine, hashAuditEvent, hashedFieldsOf, readPublicKey, verifyExport } from "./audit-offline.ts";
import { createDb, type Db } from "./client.ts";

const keys = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-keys-"));
afterAll(() => fs.rmSync(keys, { recursive: true, force: true }));

interface Scene {
  db: Db;
  key: AuditSigningKey;
  /** SQL as a superuser with triggers off. */
  bypass: (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;
  write: (n: number) => Promise<void>;
}

async function scene(fn: (s: Scene) => Promise<void>) {
  const { url, drop } = await createTestDatabase(inject("adminUrl"));
  const db = createDb(url, 2);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const key = loadAuditSigningKey(path.join(fs.mkdtempSync(path.join(keys, "k-")), "audit-signing.pem"));
  let n = 0;
  const write = async (count: number) => {
    for (let i = 0; i < count; i++, n++) {
      await db.$transaction((tx) =>
        audit(tx, { actor: { id: null, label: "t" } }, { action: "a", entityType: "thing", entityId: String(n), after: { n } }),
      );
    }
  };
  try {
    await fn({
      db,
      key,
      write,
      bypass: async (sql, params) => {
        await admin.query("BEGIN");
        await admin.query("SET LOCAL session_replication_role = replica");
        const result = await admin.query(sql, params);
        await admin.query("COMMIT");
        return result;
      },
    });
  } finally {
    await db.$disconnect();
    await admin.end();
    await drop();
  }
}

/** The attack: change one event, then recompute its hash and every later one so the chain links up. */
async function editAndRehash(s: Scene, seq: bigint) {
  await s.bypass(`UPDATE audit_events SET after = '{"n": "forged"}' WHERE seq = $1`, [seq]);
  let prev = (await s.db.auditEvent.findFirst({ where: { seq: { lt: seq } }, orderBy: { seq: "desc" } }))?.hash ?? "0".repeat(64);
  for (const e of await s.db.auditEvent.findMany({ where: { seq: { gte: seq } }, orderBy: { seq: "asc" } })) {
    const hash = hashAuditEvent({ ...hashedFieldsOf(e), prevHash: prev });
    await s.bypass("UPDATE audit_events SET prev_hash = $1, hash = $2 WHERE seq = $3", [prev, hash, e.seq]);
    prev = hash;
  }
}

describe("signed audit checkpoints", () => {
  it("verify an untouched trail, and are written only when a chain moved", async () => {
    await scene(async (s) => {
      await s.write(3);
      const first = await writeCheckpoint(s.db, s.key);
      expect(await writeCheckpoint(s.db, s.key)).toEqual(first);
      await s.write(2);
      const second = await writeCheckpoint(s.db, s.key);
      expect(BigInt(second.auditSeq)).toBeGreaterThan(BigInt(first.auditSeq));
      expect(await verifyCheckpoints(s.db, s.key)).toMatchObject({ ok: true, checked: 2, firstBroken: null });
      expect(fs.readFileSync(s.key.logFile, "utf8").trim().split("\n")).toHaveLength(2);
      expect(fs.statSync(path.join(path.dirname(s.key.logFile), "audit-signing.pem")).mode & 0o777).toBe(0o600);
    });
  });

  it("detect an edited event whose chain was rehashed, naming the event", async () => {
    await scene(async (s) => {
      await s.write(5);
      await writeCheckpoint(s.db, s.key);
      const target = (await s.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "asc" }, skip: 1 })).seq;
      await editAndRehash(s, target);
      expect((await verifyAuditChain(s.db)).ok).toBe(true); // the chain alone is fooled
      const report = await verifyCheckpoints(s.db, s.key);
      expect(report.ok).toBe(false);
      expect(report.firstBroken?.reason).toMatch(/no longer has the signed hash/);
    });
  });

  it("detect events deleted from the end, and everything after a checkpoint, even with the checkpoint rows gone", async () => {
    await scene(async (s) => {
      await s.write(3);
      await writeCheckpoint(s.db, s.key);
      await s.write(3);
      const signed = await writeCheckpoint(s.db, s.key);
      await s.bypass("DELETE FROM audit_events WHERE seq > (SELECT max(seq) - 2 FROM audit_events)");
      await s.bypass("DELETE FROM audit_checkpoints"); // the file beside the key still has them
      expect((await verifyAuditChain(s.db)).ok).toBe(true);
      const report = await verifyCheckpoints(s.db, s.key);
      expect(report.ok).toBe(false);
      expect(report.firstBroken?.reason).toContain(`signed event #${signed.auditSeq}: events were deleted`);
    });
  });

  it("detect a checkpoint forged in the database without the key", async () => {
    await scene(async (s) => {
      await s.write(2);
      const real = await writeCheckpoint(s.db, s.key);
      await s.bypass(
        `INSERT INTO audit_checkpoints (at, audit_seq, audit_hash, decision_batch_seq, decision_batch_hash, key_id, signature)
         VALUES (now(), $1, $2, 0, $3, $4, $5)`,
        [real.auditSeq, real.auditHash, "0".repeat(64), real.keyId, Buffer.alloc(64).toString("base64")],
      );
      expect((await verifyCheckpoints(s.db, s.key)).firstBroken?.reason).toMatch(/signature does not verify/);
    });
  });

  it("export as JSON Lines that verifies offline with the public key alone, and fails offline once tampered", async () => {
    await scene(async (s) => {
      await s.write(4);
      await writeCheckpoint(s.db, s.key);
      const lines: ExportLine[] = [];
      for await (const line of exportAuditTrail(s.db)) lines.push(JSON.parse(line));
      const publicKey = readPublicKey(fs.readFileSync(s.key.logFile.replace("audit-checkpoints.jsonl", "audit-signing.pub.pem"), "utf8"));
      expect(verifyExport(lines, publicKey)).toMatchObject({ ok: true, events: 4, checkpoints: { checked: 1 } });

      // Rewritten and rehashed in the file: the chain links, the signature does not.
      const events = lines.filter((l) => l.type === "event");
      let prev = "0".repeat(64);
      for (const e of events) {
        if (e.seq === events[1]?.seq) e.after = { n: "forged" };
        e.prevHash = prev;
        const { type: _t, seq: _s, hash: _h, ...fields } = e;
        e.hash = hashAuditEvent(fields);
        prev = e.hash;
      }
      const report = verifyExport(lines, publicKey);
      expect(report.ok).toBe(false);
      expect(report.checkpoints.firstBroken?.reason).toMatch(/no longer has the signed hash/);
      // Truncated before the checkpoint.
      expect(verifyExport([...events.slice(0, 2), ...lines.filter((l) => l.type === "checkpoint")], publicKey).ok).toBe(false);
    });
  });
});
