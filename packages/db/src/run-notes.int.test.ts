// Notes and tags on a run: edited in place, the spec untouched, every change audited with what it
// replaced, and two people saving at once both recorded.
import { NotFound, RunAnnotationSchema, type TrainingSpec, TrainingSpecSchema } from "@roundhouse/contracts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "../../../test/test-database.ts";
import { SYSTEM_ACTOR } from "./audit.ts";
import { createDb, type Db } from "./client.ts";
import { enqueueJob } from "./queue.ts";
import { annotateRun } from "./run-notes.ts";
import { createUser } from "./users.ts";

let scratch: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let runId: string;
const spec: TrainingSpec = TrainingSpecSchema.parse({
  metadata: { name: "annotated", tags: ["baseline"] },
  data: { dataset: "d", label: "y" },
  train: { algorithm: "gbdt" },
});
const ctx = { actor: SYSTEM_ACTOR };

beforeAll(async () => {
  scratch = await createTestDatabase(inject("adminUrl"));
  db = createDb(scratch.url, 8);
  const owner = await createUser(db, ctx, { email: "notes@example.com", name: "N", role: "engineer", password: "0123456789" });
  const { job } = await enqueueJob(db, ctx, { spec, ownerId: owner.id, datasetVersionIds: [] });
  runId = (await db.run.create({ data: { jobId: job.id, algorithm: "gbdt", task: "binary", params: {}, tags: ["baseline"] } })).id;
});
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

const events = () => db.auditEvent.findMany({ where: { action: "run.annotated", entityId: runId }, orderBy: { seq: "asc" } });

describe("annotateRun", () => {
  it("changes the note and tags, keeps the spec, and audits before and after", async () => {
    await annotateRun(db, ctx, runId, RunAnnotationSchema.parse({ note: "depth 8 overfits", tags: ["baseline", "deep", "deep"] }));
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { job: true } });
    expect(run.note).toBe("depth 8 overfits");
    expect(run.tags).toEqual(["baseline", "deep"]);
    expect((run.job.spec as TrainingSpec).metadata.tags).toEqual(["baseline"]);
    const [event] = await events();
    expect(event?.before).toEqual({ note: "", tags: ["baseline"] });
    expect(event?.after).toEqual({ note: "depth 8 overfits", tags: ["baseline", "deep"] });
  });

  it("records nothing when nothing changes, and keeps the field that was not given", async () => {
    await annotateRun(db, ctx, runId, { tags: ["baseline", "deep"] });
    expect(await events()).toHaveLength(1);
    await annotateRun(db, ctx, runId, { tags: [] });
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).note).toBe("depth 8 overfits");
  });

  it("applies two saves at once one after the other, each audited against what it replaced", async () => {
    await Promise.all([annotateRun(db, ctx, runId, { note: "first" }), annotateRun(db, ctx, runId, { note: "second" })]);
    const [a, b] = (await events()).slice(-2).map((e) => ({ after: e.after as { note: string }, before: e.before as { note: string } }));
    expect(a && b && a.after.note === b.before.note).toBe(true);
  });

  it("refuses an unknown run and malformed tags", async () => {
    await expect(annotateRun(db, ctx, "00000000-0000-4000-8000-000000000000", { note: "x" })).rejects.toBeInstanceOf(NotFound);
    const bad = RunAnnotationSchema.safeParse({ tags: ["two words"] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["tags", 0]);
    expect(RunAnnotationSchema.safeParse({}).success).toBe(false);
    expect(RunAnnotationSchema.safeParse({ note: "x", owner: "me" }).success).toBe(false);
  });
});
