import fs from "node:fs";
import path from "node:path";
import { RetrainingPolicyBodySchema, type TrainingSpec, TrainingSpecSchema } from "@roundhouse/contracts";
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

/** Trains `spec` as version 1 of its model and promotes it to production (asked, then approved). */
async function trainIntoProduction(spec: TrainingSpec, justification: string) {
  const data = await resolveTrainingData(db, spec);
  const { job } = await enqueueJob(db, engineer.ctx, { spec, ownerId: engineer.id, datasetVersionIds: [data.datasetVersionId] });
  for (;;) {
    const j = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    if (j.status === "succeeded") break;
    expect(["queued", "running"]).toContain(j.status);
    await new Promise((r) => setTimeout(r, 300));
  }
  const modelName = spec.metadata.name;
  const request = await requestPromotion(db, engineer.ctx, { modelName, version: 1, alias: "production", justification, comparison: null });
  await decidePromotion(db, approver.ctx, request.id, "approved", "ok");
}

describe("a policy copied from the alias holder", () => {
  it("names the features the holder learned from, so that new data cannot change them (an 'all columns except' spec)", async () => {
    const file = path.join(home, "accounts.csv");
    const rows = Array.from({ length: 400 }, (_, i) => `${i},${(i * 7) % 13},${i % 5 ? "a" : "b"},${(i * 7) % 13 > 6 ? "Yes" : "No"}`);
    fs.writeFileSync(file, `id,score,segment,churn\n${rows.join("\n")}\n`);
    await ingestDataset(db, engineer.ctx, { name: "accounts", file, originalName: "accounts.csv" });
    const spec = TrainingSpecSchema.parse({
      metadata: { name: "account-churn" },
      data: { dataset: "accounts", label: "churn" },
      train: { algorithm: "gbdt", params: { numTrees: 5 } },
    });
    expect(spec.data.features).toEqual({ allExcept: [] });
    await trainIntoProduction(spec, "the first one");
    // The job left "id" out (ID-like): the policy's runs learn from the same two columns.
    const policy = await setRetrainingPolicy(db, engineer.ctx, "account-churn", RetrainingPolicyBodySchema.parse({ enabled: false }));
    expect(policy.spec.data.features).toEqual(["score", "segment"]);
  });
});

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
    await trainIntoProduction(spec, "January");

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
