import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "../../../test/test-database.ts";
import { audit, verifyAuditChain } from "./audit.ts";
import { createDb, type Db } from "./client.ts";

const url = inject("databaseUrl");
let client: Db;
let raw: pg.Client;

beforeAll(async () => {
  client = createDb(url, 2);
  raw = new pg.Client({ connectionString: url });
  await raw.connect();
});
afterAll(async () => {
  await client.$disconnect();
  await raw.end();
});

async function writeEvents(n: number) {
  for (let i = 0; i < n; i++) {
    await client.$transaction((tx) =>
      audit(
        tx,
        { actor: { id: null, label: "test" }, requestId: randomUUID() },
        {
          action: "test.event",
          entityType: "thing",
          entityId: String(i),
          before: { n: i, when: new Date(0) },
          // A 17-digit float (a drift alert's PSI) once came back from jsonb as another double and broke the hash.
          after: { n: i + 1, big: 10n, nested: { b: 1, a: [1, 2] }, psi: 0.33499999999999996 + i },
        },
      ),
    );
  }
}

describe("audit log", () => {
  it("chains events so that an untouched log verifies", async () => {
    await writeEvents(5);
    const report = await verifyAuditChain(client);
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThanOrEqual(5);
    const [last, previous] = await client.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 2 });
    expect(last?.prevHash).toBe(previous?.hash);
  });

  it("keeps the chain linear when many transactions audit at once", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.$transaction((tx) =>
          audit(tx, { actor: { id: null, label: "racer" } }, { action: "race", entityType: "thing", entityId: `r${i}` }),
        ),
      ),
    );
    expect((await verifyAuditChain(client)).ok).toBe(true);
  });

  it("rolls the event back with the change when the transaction fails", async () => {
    const before = await client.auditEvent.count();
    await expect(
      client.$transaction(async (tx) => {
        await audit(tx, { actor: { id: null, label: "test" } }, { action: "doomed", entityType: "thing", entityId: "x" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await client.auditEvent.count()).toBe(before);
  });

  it("rejects UPDATE, DELETE and TRUNCATE on the audit table", async () => {
    await expect(raw.query(`UPDATE audit_events SET action = 'forged'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(raw.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only: DELETE/);
    await expect(raw.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect((await verifyAuditChain(client)).ok).toBe(true);
  });

  it("reports the first tampered event when a superuser bypasses the trigger", async () => {
    await withScratchLog(async (scratch, sql) => {
      const target = await scratch.auditEvent.findFirst({ orderBy: { seq: "asc" }, skip: 2 });
      // Superusers can switch triggers off for their session: exactly the attack the hash chain is for.
      await sql(`UPDATE audit_events SET after = '{"n": 999}' WHERE seq = ${target?.seq}`);
      const report = await verifyAuditChain(scratch);
      expect(report).toEqual({
        ok: false,
        checked: 2,
        firstBroken: { seq: String(target?.seq), reason: expect.stringMatching(/modified/) },
      });
    });
  });

  it("reports a removed event as a broken link at the event after it", async () => {
    await withScratchLog(async (scratch, sql) => {
      const [, second, third] = await scratch.auditEvent.findMany({ orderBy: { seq: "asc" }, take: 3 });
      await sql(`DELETE FROM audit_events WHERE seq = ${second?.seq}`);
      const report = await verifyAuditChain(scratch);
      expect(report).toEqual({ ok: false, checked: 1, firstBroken: { seq: String(third?.seq), reason: expect.stringMatching(/removed/) } });
    });
  });
});

/** Five events in a database of their own, and a way to run SQL with triggers switched off. */
async function withScratchLog(fn: (scratch: Db, bypassSql: (sql: string) => Promise<void>) => Promise<void>) {
  const { url: scratchUrl, drop } = await createTestDatabase(inject("adminUrl"));
  const scratch = createDb(scratchUrl, 2);
  const admin = new pg.Client({ connectionString: scratchUrl });
  await admin.connect();
  try {
    for (let i = 0; i < 5; i++) {
      await scratch.$transaction((tx) =>
        audit(tx, { actor: { id: null, label: "t" } }, { action: "a", entityType: "thing", entityId: String(i), after: { i } }),
      );
    }
    await fn(scratch, async (sql) => {
      await admin.query("BEGIN");
      await admin.query("SET LOCAL session_replication_role = replica");
      await admin.query(sql);
      await admin.query("COMMIT");
    });
  } finally {
    await scratch.$disconnect();
    await admin.end();
    await drop();
  }
}
