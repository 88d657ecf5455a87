// The claim SQL under contention: many claimers, each with its own connections, pull from one
// queue; every job must be claimed and finished exactly once.
import { randomUUID } from "node:crypto";
import { ScoringSpecSchema, type TrainingSpec, TrainingSpecSchema } from "@roundhouse/contracts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "../../../test/test-database.ts";
import { SYSTEM_ACTOR } from "./audit.ts";
import { createDb, type Db } from "./client.ts";
import { claimNextJob, finishJob, reclaimExpiredLeases, renewLease } from "./job-moves.ts";
import { enqueueJob, requestCancel } from "./queue.ts";
import { createUser } from "./users.ts";

let scratch: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let ownerId: string;
const spec = (name: string, priority = 0): TrainingSpec =>
  TrainingSpecSchema.parse({
    metadata: { name },
    data: { dataset: "d", label: "y" },
    train: { algorithm: "gbdt" },
    resources: { priority },
  });

beforeAll(async () => {
  // A database of its own: the test counts every job in the queue.
  scratch = await createTestDatabase(inject("adminUrl"));
  db = createDb(scratch.url, 4);
  ownerId = (
    await createUser(db, { actor: SYSTEM_ACTOR }, { email: "queue@example.com", name: "Q", role: "engineer", password: "0123456789" })
  ).id;
});
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

describe("job queue", () => {
  it("8 concurrent claimers run each of 200 jobs exactly once", async () => {
    for (let i = 0; i < 200; i++) await enqueueJob(db, { actor: SYSTEM_ACTOR }, { spec: spec(`j${i}`), ownerId, datasetVersionIds: [] });
    const claims: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        const mine = createDb(scratch.url, 2);
        for (;;) {
          const job = await claimNextJob(mine, `w${w}`, 30);
          if (!job) break;
          claims.push(job.id);
          expect(await finishJob(mine, job.id, `w${w}`, "succeeded")).toBe(true);
        }
        await mine.$disconnect();
      }),
    );
    expect(claims).toHaveLength(200);
    expect(new Set(claims).size).toBe(200);
    expect(await db.trainingJob.count({ where: { status: "succeeded", attempts: 1 } })).toBe(200);
  });

  it("claims by priority, then age", async () => {
    const low = (await enqueueJob(db, { actor: SYSTEM_ACTOR }, { spec: spec("low", 0), ownerId, datasetVersionIds: [] })).job;
    const high = (await enqueueJob(db, { actor: SYSTEM_ACTOR }, { spec: spec("high", 50), ownerId, datasetVersionIds: [] })).job;
    expect((await claimNextJob(db, "w", 30))?.id).toBe(high.id);
    expect((await claimNextJob(db, "w", 30))?.id).toBe(low.id);
    for (const id of [high.id, low.id]) await finishJob(db, id, "w", "succeeded");
  });

  it("never finishes a job twice, nor one the worker no longer holds", async () => {
    const job = (await enqueueJob(db, { actor: SYSTEM_ACTOR }, { spec: spec("once"), ownerId, datasetVersionIds: [] })).job;
    await claimNextJob(db, "a", 30);
    expect(await finishJob(db, job.id, "b", "succeeded")).toBe(false);
    expect(await finishJob(db, job.id, "a", "succeeded")).toBe(true);
    expect(await finishJob(db, job.id, "a", "failed")).toBe(false);
    expect((await renewLease(db, job.id, "a", 30)).owned).toBe(false);
  });

  it("puts an expired lease back in the queue with backoff, then fails it when attempts run out", async () => {
    const job = (await enqueueJob(db, { actor: SYSTEM_ACTOR }, { spec: spec("flaky"), ownerId, datasetVersionIds: [] })).job;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await db.trainingJob.update({ where: { id: job.id }, data: { runAfter: new Date(0) } });
      const claimed = await claimNextJob(db, `w${attempt}`, 30);
      expect(claimed?.id).toBe(job.id);
      await db.trainingJob.update({ where: { id: job.id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
      const r = await reclaimExpiredLeases(db, "sweeper");
      const after = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
      if (attempt < 3) {
        expect(r.requeued).toBe(1);
        expect(after.status).toBe("queued");
        expect(after.runAfter.getTime()).toBeGreaterThan(Date.now());
      } else {
        expect(r.failed).toBe(1);
        expect(after.status).toBe("failed");
        expect((after.error as { message: string }).message).toMatch(/stopped responding 3 times/);
      }
    }
  });

  it("cancels a queued job at once and flags a running one for its worker", async () => {
    const queued = (await enqueueJob(db, { actor: SYSTEM_ACTOR }, { spec: spec("q"), ownerId, datasetVersionIds: [] })).job;
    expect((await requestCancel(db, { actor: SYSTEM_ACTOR }, queued.id)).status).toBe("cancelled");
    const running = (await enqueueJob(db, { actor: SYSTEM_ACTOR }, { spec: spec("r"), ownerId, datasetVersionIds: [] })).job;
    await claimNextJob(db, "w", 30);
    expect((await requestCancel(db, { actor: SYSTEM_ACTOR }, running.id)).status).toBe("running");
    expect(await renewLease(db, running.id, "w", 30)).toEqual({ owned: true, cancelRequested: true });
  });

  it("20 concurrent submits with one Idempotency-Key make one job and one audit event, without an error", async () => {
    const many = createDb(scratch.url, 20);
    const key = `key-${Date.now()}`;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        enqueueJob(many, { actor: SYSTEM_ACTOR }, { spec: spec("same-key"), ownerId, datasetVersionIds: [], idempotencyKey: key }),
      ),
    );
    await many.$disconnect();
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const answers = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof enqueueJob>>>).value);
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.job.id)).size).toBe(1);
    const id = answers[0]?.job.id ?? "";
    expect(await db.auditEvent.count({ where: { entityId: id, action: "job.submit" } })).toBe(1);
  });

  it("refuses a key that made a training job for a scoring job, and the other way round, queueing nothing", async () => {
    const scoring = (name: string) =>
      ScoringSpecSchema.parse({
        metadata: { name },
        score: { model: "m", version: 1, modelVersionId: randomUUID(), datasetVersionId: randomUUID(), output: "m-scores", idColumns: [] },
      });
    const submit = (s: TrainingSpec | ReturnType<typeof scoring>, key: string) =>
      enqueueJob(db, { actor: SYSTEM_ACTOR }, { spec: s, ownerId, datasetVersionIds: [], idempotencyKey: key });
    const trainKey = `train-${Date.now()}`;
    const scoreKey = `score-${Date.now()}`;
    await submit(spec("trained-by-key"), trainKey);
    expect((await submit(scoring("scored-by-key"), scoreKey)).job.kind).toBe("score");
    const before = await db.trainingJob.count();
    await expect(submit(scoring("scored-by-key"), trainKey)).rejects.toMatchObject({
      problems: [{ path: "Idempotency-Key", message: "used for a training job" }],
    });
    await expect(submit(spec("trained-by-key"), scoreKey)).rejects.toMatchObject({
      problems: [{ path: "Idempotency-Key", message: "used for a scoring job" }],
    });
    expect(await db.trainingJob.count()).toBe(before);
    // The same kind with the same key still answers the job it made.
    expect(await submit(scoring("scored-by-key"), scoreKey)).toMatchObject({ created: false, job: { kind: "score" } });
  });
});
