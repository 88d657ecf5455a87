// Batch scoring on a real worker: a trained model over a dataset version, written as a new version
// of the output dataset with lineage, and the scores checked against the model's own predictions.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type ColumnSchema, type ScoringSpec, ScoringSpecSchema, TrainingSpecSchema } from "@roundhouse/contracts";
import { getDatasetVersion, ingestDataset, literal, queryRows, withConnection } from "@roundhouse/data";
import { createDb, createUser, type Db, enqueueJob, type RequestContext, SYSTEM_ACTOR } from "@roundhouse/db";
import { deserializeModel } from "@roundhouse/ml";
import { featureEncoder, predictStored } from "@roundhouse/serving";
import { readStored } from "@roundhouse/store";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startWorker } from "./worker.ts";

let db: Db;
let ctx: RequestContext;
let ownerId: string;
let input: { id: string; name: string };
let worker: Awaited<ReturnType<typeof startWorker>>;
const home = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-score-"));
const tag = Date.now();

async function until(jobId: string) {
  for (;;) {
    const job = await db.trainingJob.findUniqueOrThrow({ where: { id: jobId } });
    if (["succeeded", "failed", "cancelled"].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  process.env.ROUNDHOUSE_HOME = home;
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 4);
  const user = await createUser(
    db,
    { actor: SYSTEM_ACTOR },
    { email: `scorer-${tag}@example.com`, name: "S", role: "engineer", password: "0123456789" },
  );
  ownerId = user.id;
  ctx = { actor: { id: user.id, label: user.email } };
  const csv = path.join(home, "customers.csv");
  // A customer id, a number, a plan (with a plan the model never saw in the last rows) and a date.
  await withConnection((c) =>
    c.run(`COPY (SELECT 'c-' || i AS customer_id, (hash(i) % 1000) / 250.0 - 2 AS x,
                 CASE WHEN i >= 4990 THEN 'platinum' ELSE ['a', 'b', 'c'][1 + i % 3] END AS plan,
                 DATE '2024-01-01' + (i % 365)::INTEGER AS since,
                 CASE WHEN (hash(i) % 1000) / 250.0 - 2 + CASE i % 3 WHEN 1 THEN 1 ELSE 0 END > 0 THEN 'yes' ELSE 'no' END AS churned
          FROM range(5000) r(i)) TO ${literal(csv)} (FORMAT csv, HEADER)`),
  );
  const ingested = await ingestDataset(db, ctx, { name: `customers-${tag}`, file: csv });
  input = { id: ingested.version.id, name: `customers-${tag}` };
  worker = await startWorker({ databaseUrl: inject("databaseUrl"), slots: 2, pollMs: 300, log: () => {} });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await db.$disconnect();
  fs.rmSync(home, { recursive: true, force: true });
});

describe("a batch scoring job", () => {
  let modelVersion: { id: string; version: number; artifactSha256: string; path: string };
  let scoring: ScoringSpec;

  beforeAll(async () => {
    const spec = TrainingSpecSchema.parse({
      metadata: { name: `churn-${tag}` },
      data: { datasetVersionId: input.id, label: "churned", features: ["x", "plan", "since"] },
      train: { algorithm: "gbdt", params: { numTrees: 25 } },
    });
    const trained = await until((await enqueueJob(db, ctx, { spec, ownerId, datasetVersionIds: [input.id] })).job.id);
    expect(trained.status).toBe("succeeded");
    const mv = await db.modelVersion.findFirstOrThrow({ where: { model: { name: `churn-${tag}` } }, include: { artifact: true } });
    modelVersion = { id: mv.id, version: mv.version, artifactSha256: mv.artifactSha256, path: mv.artifact.path };
    scoring = ScoringSpecSchema.parse({
      metadata: { name: `score-churn-${tag}` },
      score: {
        model: `churn-${tag}`,
        version: mv.version,
        modelVersionId: mv.id,
        datasetVersionId: input.id,
        output: `churn-scores-${tag}`,
        idColumns: ["customer_id"],
      },
    });
  }, 120_000);

  it("writes every row's prediction and probabilities next to its id, as the model itself scores them", async () => {
    const job = await until((await enqueueJob(db, ctx, { spec: scoring, ownerId, datasetVersionIds: [input.id] })).job.id);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    expect(job.kind).toBe("score");
    expect(job.result).toMatchObject({ dataset: `churn-scores-${tag}`, version: 1, rows: 5000 });

    const { dto, file } = await getDatasetVersion(db, (job.result as { datasetVersionId: string }).datasetVersionId);
    expect(dto.sourceKind).toBe("scored");
    expect(dto.schema.map((c: ColumnSchema) => c.name)).toEqual(["customer_id", "prediction", "probability_no", "probability_yes"]);
    // Lineage: the input version, and the exact model version (by id and file hash) and job.
    expect(dto.parents.map((p) => p.id)).toEqual([input.id]);
    expect(dto.scoring).toEqual({
      kind: "score",
      model: `churn-${tag}`,
      version: modelVersion.version,
      modelVersionId: modelVersion.id,
      modelSha256: expect.any(String),
      jobId: job.id,
      idColumns: ["customer_id"],
    });

    const scored = await withConnection((c) => queryRows(c, `SELECT * FROM read_parquet(${literal(file)})`));
    const source = await inputFile();
    const rows = await withConnection((c) =>
      queryRows(c, `SELECT customer_id, x, plan, epoch_ms(since::TIMESTAMP)::DOUBLE AS since FROM read_parquet(${literal(source)})`),
    );
    expect(scored.map((r) => r.customer_id)).toEqual(rows.map((r) => r.customer_id)); // file order kept

    // The model's own answer for each row, through the serving path's encoder (an unseen plan is missing).
    const doc = deserializeModel((await readStored(modelVersion.path)).toString("utf8"));
    const encode = featureEncoder(doc.model.features.map((f) => ({ ...f, kind: f.kind ?? "numeric" })) as never);
    const encoded = encode(
      rows.map((r) => ({ x: r.x, plan: r.plan, since: r.since })),
      () => "",
    );
    const columns = doc.model.features.map((_, f) => Float64Array.from(encoded.rows, (row) => row[f] as number));
    const expected = await predictStored(doc.model, columns, rows.length);
    let worst = 0;
    scored.forEach((r, i) => {
      worst = Math.max(worst, Math.abs((r.probability_yes as number) - (expected[i] as number)));
      expect(r.prediction).toBe((expected[i] as number) > 0.5 ? "yes" : "no");
    });
    expect(worst).toBeLessThan(1e-9);
    expect(scored.filter((r) => rows[scored.indexOf(r)]?.plan === "platinum")).toHaveLength(10);
  }, 120_000);

  it("answers the same version when the same scoring runs again, and the audit trail says who made it", async () => {
    const again = await until((await enqueueJob(db, ctx, { spec: scoring, ownerId, datasetVersionIds: [input.id] })).job.id);
    expect(again.result).toMatchObject({ version: 1, rows: 5000 });
    expect(await db.datasetVersion.count({ where: { dataset: { name: `churn-scores-${tag}` } } })).toBe(1);
    const events = await db.auditEvent.findMany({
      where: { OR: [{ entityId: again.id }, { action: "dataset-version.create", actorLabel: { contains: "scoring job" } }] },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["dataset-version.create", "job.submit", "job.claimed", "job.succeeded"]),
    );
  }, 120_000);

  it("lets two identical scoring jobs that make a new output at once both succeed, with one version", async () => {
    const twin = ScoringSpecSchema.parse({ ...scoring, score: { ...scoring.score, output: `twin-scores-${tag}` } });
    const [a, b] = await Promise.all(
      [0, 1].map(async () => until((await enqueueJob(db, ctx, { spec: twin, ownerId, datasetVersionIds: [input.id] })).job.id)),
    );
    expect([a?.status, b?.status], JSON.stringify([a?.error, b?.error])).toEqual(["succeeded", "succeeded"]);
    expect(a?.result).toEqual(b?.result);
    expect(await db.datasetVersion.count({ where: { dataset: { name: `twin-scores-${tag}` } } })).toBe(1);
  }, 120_000);

  it("scores a regression model's value into prediction, with no probabilities", async () => {
    const spec = TrainingSpecSchema.parse({
      metadata: { name: `spend-${tag}` },
      data: { datasetVersionId: input.id, label: "x", features: ["plan", "since"] },
      train: { algorithm: "gbdt", task: "regression", params: { numTrees: 10 } },
    });
    expect((await until((await enqueueJob(db, ctx, { spec, ownerId, datasetVersionIds: [input.id] })).job.id)).status).toBe("succeeded");
    const mv = await db.modelVersion.findFirstOrThrow({ where: { model: { name: `spend-${tag}` } } });
    const regression = ScoringSpecSchema.parse({
      metadata: { name: `score-spend-${tag}` },
      score: {
        model: `spend-${tag}`,
        version: mv.version,
        modelVersionId: mv.id,
        datasetVersionId: input.id,
        output: `spend-scores-${tag}`,
        idColumns: [],
      },
    });
    const job = await until((await enqueueJob(db, ctx, { spec: regression, ownerId, datasetVersionIds: [input.id] })).job.id);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    const { dto, file } = await getDatasetVersion(db, (job.result as { datasetVersionId: string }).datasetVersionId);
    expect(dto.schema.map((c: ColumnSchema) => [c.name, c.type])).toEqual([["prediction", "float"]]);
    const values = await withConnection((c) => queryRows(c, `SELECT prediction FROM read_parquet(${literal(file)})`));
    expect(values).toHaveLength(5000);
    expect(values.every((r) => typeof r.prediction === "number" && Number.isFinite(r.prediction))).toBe(true);
  }, 120_000);

  it("fails clearly, storing nothing, when the output names a dataset that is not scores", async () => {
    const bad = ScoringSpecSchema.parse({ ...scoring, score: { ...scoring.score, output: input.name } });
    const job = await until((await enqueueJob(db, ctx, { spec: bad, ownerId, datasetVersionIds: [input.id] })).job.id);
    expect(job.status).toBe("failed");
    expect((job.error as { message: string }).message).toContain(`"${input.name}" holds data other than scores`);
    expect(
      await db.datasetVersion.count({ where: { datasetId: (await db.dataset.findUniqueOrThrow({ where: { name: input.name } })).id } }),
    ).toBe(1);
  }, 60_000);
});

async function inputFile() {
  return (await getDatasetVersion(db, input.id)).file;
}
