import { RetrainingPolicyBodySchema, TrainingSpecSchema } from "@roundhouse/contracts";
import { ingestDataset, resolveTrainingData } from "@roundhouse/data";
import { type Db, decidePromotion, enqueueJob, requestPromotion } from "@roundhouse/db";
import { getRetraining, setRetrainingPolicy } from "@roundhouse/retraining";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flightsMonth } from "./flights-fixture.ts";
import { type Platform, startPlatform } from "./platform-fixture.ts";
import type { Person } from "./registry-fixture.ts";

let platform: Platform;
let home: string;
let db: Db;
let engineer: Person;
let approver: Person;

beforeAll(async () => {
  platform = await startPlatform("retraining", { worker: { schedulerTickMs: 300 } });
  ({ home, db, engineer, approver } = platform);
});

// Later test files share this database and start workers: this policy must not fire for them.
afterAll(() =>
  platform?.stop((db) => db.retrainingPolicy.updateMany({ where: { model: { name: "flight-delays" } }, data: { enabled: false } })),
);

async function runOutcome(runCount: number, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { runs } = await getRetraining(db, "flight-delays");
    const done = runs.length >= runCount && !["running", "evaluating"].includes(runs[0]?.outcome ?? "running");
    if (done) return runs;
    if (Date.now() > deadline) throw new Error(`retraining run still ${JSON.stringify(runs[0])}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe("retraining on new data", () => {
  it("proposes a better version with its numbers, and refuses a worse one", async () => {
    const jan = await ingestDataset(db, engineer.ctx, {
      name: "flights-by-month",
      file: await flightsMonth(home, 1),
      originalName: "jan.csv",
    });
    const spec = TrainingSpecSchema.parse({
      metadata: { name: "flight-delays" },
      data: { dataset: "flights-by-month", label: "delayed", features: ["hour", "weekday", "distance", "origin", "destination"] },
      train: { algorithm: "gbdt", params: { numTrees: 40, maxDepth: 5 } },
    });
    const data = await resolveTrainingData(db, spec);
    const { job } = await enqueueJob(db, engineer.ctx, { spec, ownerId: engineer.id, datasetVersionIds: [data.datasetVersionId] });
    for (;;) {
      const j = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
      if (j.status === "succeeded") break;
      expect(["queued", "running"]).toContain(j.status);
      await new Promise((r) => setTimeout(r, 300));
    }
    const first = await requestPromotion(db, engineer.ctx, {
      modelName: "flight-delays",
      version: 1,
      alias: "production",
      justification: "January",
      comparison: null,
    });
    await decidePromotion(db, approver.ctx, first.id, "approved", "ok");

    // The policy copies production's spec, on the dataset's latest version.
    const policy = await setRetrainingPolicy(db, engineer.ctx, "flight-delays", RetrainingPolicyBodySchema.parse({}));
    expect(policy).toMatchObject({ rule: { metric: "auc", alias: "production" }, triggers: { newData: true, schedule: null } });
    expect(policy.spec.data).toMatchObject({ dataset: "flights-by-month", version: "latest" });
    expect(policy.spec.data.datasetVersionId).toBeUndefined();

    const feb = await ingestDataset(db, engineer.ctx, {
      datasetId: jan.version.datasetId,
      file: await flightsMonth(home, 2),
      mode: "append",
    });
    expect(feb.version).toMatchObject({ version: 2, rowCount: 30_000 });
    const [proposed] = await runOutcome(1);
    expect(proposed).toMatchObject({ trigger: "new-data", outcome: "proposed", modelVersion: 2 });
    expect(proposed?.datasetVersions).toEqual([expect.objectContaining({ id: feb.version.id, version: 2 })]);
    // Both versions scored on the same rows of the new data; the justification says so with numbers.
    expect(proposed?.comparison).toMatchObject({ dataset: "flights-by-month v2", challenger: { version: 2 }, champion: { version: 1 } });
    expect(proposed?.reason).toMatch(/ROC AUC 0\.\d{4} against 0\.\d{4} for version 1 .* same [\d,]+ holdout rows of flights-by-month v2/);
    const request = await db.promotionRequest.findUniqueOrThrow({ where: { id: proposed?.promotionRequestId as string } });
    expect(request).toMatchObject({ status: "pending", requesterId: engineer.id, justification: proposed?.reason });
    const fired = await db.auditEvent.findFirst({ where: { action: "retraining.fired", entityId: proposed?.id } });
    expect(fired?.actorLabel).toBe("system:retraining");

    await decidePromotion(db, approver.ctx, request.id, "approved", "February helps");
    expect((await getRetraining(db, "flight-delays")).runs[0]?.outcome).toBe("promoted");

    await ingestDataset(db, engineer.ctx, {
      datasetId: jan.version.datasetId,
      file: await flightsMonth(home, 3, "shuffled"),
      mode: "append",
    });
    const [refused] = await runOutcome(2);
    expect(refused).toMatchObject({ trigger: "new-data", outcome: "not_better", modelVersion: 3, promotionRequestId: null });
    expect(refused?.reason).toMatch(/for version 2 .*Not better by the margin: no promotion proposed\./);
    expect(await db.promotionRequest.count({ where: { model: { name: "flight-delays" } } })).toBe(2);
  });
});
