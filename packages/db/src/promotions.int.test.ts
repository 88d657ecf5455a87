// Four eyes, one alias move per approval, and rollback, on a real PostgreSQL.
import { Conflict, Forbidden } from "@roundhouse/contracts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Person, person, registerVersions } from "../../../test/registry-fixture.ts";
import { createTestDatabase } from "../../../test/test-database.ts";
import { rollbackAlias } from "./aliases.ts";
import { createDb, type Db } from "./client.ts";
import { decidePromotion, requestPromotion } from "./promotions.ts";

let scratch: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let engineer: Person;
let approverA: Person;
let approverB: Person;

beforeAll(async () => {
  scratch = await createTestDatabase(inject("adminUrl"));
  db = createDb(scratch.url, 8);
  engineer = await person(db, "engineer", "req");
  approverA = await person(db, "approver", "a");
  approverB = await person(db, "approver", "b");
});
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

const request = (modelName: string, version: number, alias = "production", by = engineer) =>
  requestPromotion(db, by.ctx, { modelName, version, alias, justification: `v${version} is better`, comparison: null });

const holder = async (modelName: string, alias: string) =>
  (await db.deployment.findFirst({ where: { model: { name: modelName }, alias }, include: { modelVersion: true } }))?.modelVersion.version;

describe("promotion with four eyes", () => {
  it("refuses the requester's own approval with 403, whatever their role", async () => {
    const admin = await person(db, "admin", "self");
    await registerVersions(db, admin, "self-approve", 1);
    const req = await request("self-approve", 1, "production", admin);
    const err = await decidePromotion(db, admin.ctx, req.id, "approved", "lgtm").catch((e) => e);
    expect(err).toBeInstanceOf(Forbidden);
    expect(err.status).toBe(403);
    expect(await holder("self-approve", "production")).toBeUndefined();
    expect((await db.promotionRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("pending");
  });

  it("moves the alias exactly once when two approvers approve at the same moment", async () => {
    await registerVersions(db, engineer, "race", 1);
    const req = await request("race", 1);
    const results = await Promise.allSettled([
      decidePromotion(db, approverA.ctx, req.id, "approved", "A"),
      decidePromotion(db, approverB.ctx, req.id, "approved", "B"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(Conflict);
    expect(await db.deploymentHistory.count({ where: { promotionRequestId: req.id } })).toBe(1);
    expect(await db.approval.count({ where: { promotionRequestId: req.id } })).toBe(1);
    expect(await holder("race", "production")).toBe(1);
    const events = await db.auditEvent.findMany({ where: { action: "deployment.alias_moved" } });
    expect(events.filter((e) => (e.after as { model?: string })?.model === "race")).toHaveLength(1);
  });

  it("keeps one holder when two requests for one alias are approved at once, and records the previous one", async () => {
    await registerVersions(db, engineer, "two-requests", 3);
    await decidePromotion(db, approverA.ctx, (await request("two-requests", 1)).id, "approved", "first");
    const [r2, r3] = [await request("two-requests", 2), await request("two-requests", 3)];
    await Promise.all([
      decidePromotion(db, approverA.ctx, r2.id, "approved", ""),
      decidePromotion(db, approverB.ctx, r3.id, "approved", ""),
    ]);
    expect(await db.deployment.count({ where: { model: { name: "two-requests" }, alias: "production" } })).toBe(1);
    const history = await db.deploymentHistory.findMany({
      where: { alias: "production", modelVersion: { model: { name: "two-requests" } } },
      orderBy: { at: "asc" },
      include: { modelVersion: true },
    });
    expect(history).toHaveLength(3);
    // Each move names the holder it replaced: the chain is unbroken whatever order they ran in.
    for (let i = 1; i < history.length; i++) expect(history[i]?.previousVersionId).toBe(history[i - 1]?.modelVersionId);
  });

  it("leaves the alias alone on rejection", async () => {
    await registerVersions(db, engineer, "rejected", 1);
    const req = await request("rejected", 1);
    await decidePromotion(db, approverA.ctx, req.id, "rejected", "metrics too low");
    expect(await holder("rejected", "production")).toBeUndefined();
    await expect(decidePromotion(db, approverB.ctx, req.id, "approved", "")).rejects.toBeInstanceOf(Conflict);
  });

  it("rolls back to the previous holder in one action, audited", async () => {
    await registerVersions(db, engineer, "rollback", 2);
    await decidePromotion(db, approverA.ctx, (await request("rollback", 1)).id, "approved", "");
    await expect(rollbackAlias(db, approverA.ctx, "rollback", "production", "nothing before")).rejects.toBeInstanceOf(Conflict);
    await decidePromotion(db, approverB.ctx, (await request("rollback", 2)).id, "approved", "");
    expect(await holder("rollback", "production")).toBe(2);
    const entry = await rollbackAlias(db, approverA.ctx, "rollback", "production", "v2 misbehaves");
    expect(entry.action).toBe("rollback");
    expect(await holder("rollback", "production")).toBe(1);
    const audit = await db.auditEvent.findFirst({ where: { action: "deployment.rolled_back" }, orderBy: { seq: "desc" } });
    expect(audit?.actorLabel).toBe(approverA.email);
    expect(audit?.after).toMatchObject({ reason: "v2 misbehaves" });
  });

  it("refuses a second pending request for the same version and alias", async () => {
    await registerVersions(db, engineer, "dup", 1);
    await request("dup", 1);
    await expect(request("dup", 1)).rejects.toBeInstanceOf(Conflict);
  });
});
