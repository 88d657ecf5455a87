import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "../../../test/test-database.ts";
import { audit } from "./audit.ts";
import { eachAuditEvent, searchAuditEvents } from "./audit-search.ts";
import { createDb, type Db } from "./client.ts";

// A scratch database so the counts below are only these events.
let scratch: Awaited<ReturnType<typeof createTestDatabase>>;
let client: Db;

const write = (label: string, action: string, entityType: string, entityId: string, after: unknown, before?: unknown) =>
  client.$transaction((tx) => audit(tx, { actor: { id: null, label } }, { action, entityType, entityId, after, before }));

beforeAll(async () => {
  scratch = await createTestDatabase(inject("databaseUrl"));
  client = createDb(scratch.url, 2);
  await write("ann@example.com", "job.submit", "training-job", "job-1", { name: "churn gbdt" });
  await write("worker:host-1", "job.claimed", "training-job", "job-1", { attempt: 1 });
  await write("ann@example.com", "promotion.requested", "promotion_request", "pr-1", { justification: "Beats v2 on AUC by 0.02" });
  await write("bob@example.com", "promotion.approved", "promotion_request", "pr-1", { status: "approved", comment: "Looks 100% right" });
  await write(
    "bob@example.com",
    "deployment.alias_moved",
    "deployment",
    "dep-1",
    { alias: "production", modelVersionId: "mv-3" },
    {
      alias: "production",
      modelVersionId: "mv-2",
    },
  );
  // An event from "yesterday", for the time range.
  await client.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER USER");
  await client.$executeRawUnsafe("UPDATE audit_events SET at = at - interval '1 day' WHERE seq = (SELECT min(seq) FROM audit_events)");
  await client.$executeRawUnsafe("ALTER TABLE audit_events ENABLE TRIGGER USER");
});
afterAll(async () => {
  await client.$disconnect();
  await scratch.drop();
});

const actions = (rows: Array<{ action: string }>) => rows.map((r) => r.action);

describe("audit search", () => {
  it("filters by actor, by action and by action family, newest first", async () => {
    expect(actions((await searchAuditEvents(client, { actor: "bob@example.com" }, { limit: 10 })).items)).toEqual([
      "deployment.alias_moved",
      "promotion.approved",
    ]);
    expect(actions((await searchAuditEvents(client, { action: "promotion.approved" }, { limit: 10 })).items)).toEqual([
      "promotion.approved",
    ]);
    expect(actions((await searchAuditEvents(client, { action: "job.*" }, { limit: 10 })).items)).toEqual(["job.claimed", "job.submit"]);
  });

  it("finds free text in the before and after, with LIKE's wildcards taken literally", async () => {
    expect(actions((await searchAuditEvents(client, { q: "beats v2" }, { limit: 10 })).items)).toEqual(["promotion.requested"]);
    expect(actions((await searchAuditEvents(client, { q: "100%" }, { limit: 10 })).items)).toEqual(["promotion.approved"]);
    expect((await searchAuditEvents(client, { q: "1_0" }, { limit: 10 })).items).toHaveLength(0);
  });

  it("keeps a time range, and an entity's history with what belongs to it", async () => {
    const today = new Date(Date.now() - 3_600_000);
    expect(actions((await searchAuditEvents(client, { to: today }, { limit: 10 })).items)).toEqual(["job.submit"]);
    expect((await searchAuditEvents(client, { from: today, actor: "ann@example.com" }, { limit: 10 })).items).toHaveLength(1);
    const history = await searchAuditEvents(
      client,
      { subjects: [{ entityType: "promotion_request", entityId: "pr-1" }], mentionsModelVersion: "mv-2" },
      { limit: 10 },
    );
    expect(actions(history.items)).toEqual(["deployment.alias_moved", "promotion.approved", "promotion.requested"]);
  });

  it("pages by cursor without gaps or repeats, and exports the same events oldest first", async () => {
    const seen: string[] = [];
    let before: bigint | undefined;
    for (;;) {
      const page = await searchAuditEvents(client, {}, { limit: 2, before });
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const exported: string[] = [];
    for await (const e of eachAuditEvent(client, {}, 2)) exported.push(e.id);
    expect(exported).toEqual([...seen].reverse());
  });
});
