// Watching a deployed model with real flights: version 1 learns January 2001 in the worker (which
// records its training profile) and goes to production. January's flights are then served as
// they are, and again changed the way real traffic changes: distances tripled, an airport the model
// never saw, hours left out. The drift counter follows the decision log and must tell the two
// apart, raise each alert once (audited), start the drift-triggered retraining once, and never
// count a decision twice. Outcomes (the real delays) then give the realised AUC next to the holdout's.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OutcomesBodySchema, OutcomesFromDatasetBodySchema, RetrainingPolicyBodySchema, TrainingSpecSchema } from "@roundhouse/contracts";
import { ingestDataset, literal, resolveTrainingData, withConnection } from "@roundhouse/data";
import { createDb, type Db, decidePromotion, enqueueJob, requestPromotion } from "@roundhouse/db";
import { rocAuc } from "@roundhouse/ml";
import {
  aggregateDrift,
  driftReport,
  fireOnDrift,
  livePerformance,
  recordOutcomes,
  recordOutcomesFromDataset,
  setRetrainingPolicy,
} from "@roundhouse/retraining";
import { type Serving, startServing } from "@roundhouse/serving";
import { startWorker } from "@roundhouse/worker";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { flightsMonth } from "./flights-fixture.ts";
import { type Person, person } from "./registry-fixture.ts";
import { createTestDatabase } from "./test-database.ts";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-monitoring-"));
let scratch: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let serving: Serving;
let engineer: Person;
let approver: Person;
type Flight = { id: number; hour: number; weekday: number; distance: number; origin: string; destination: string; delayed: boolean };
let traffic: Flight[];

beforeAll(async () => {
  // A database of its own: the drift cursor is one per database, and no other test's decisions should move it.
  scratch = await createTestDatabase(inject("adminUrl"));
  process.env.ROUNDHOUSE_HOME = home;
  // The job's child process reads its database from the environment.
  process.env.DATABASE_URL = scratch.url;
  db = createDb(scratch.url, 4);
  engineer = await person(db, "engineer", "watch");
  approver = await person(db, "approver", "watch");
  await ingestDataset(db, engineer.ctx, { name: "flights-jan", file: await flightsMonth(home, 1), originalName: "jan.csv" });
  const spec = TrainingSpecSchema.parse({
    metadata: { name: "flight-watch" },
    data: { dataset: "flights-jan", label: "delayed", features: ["hour", "weekday", "distance", "origin", "destination"] },
    train: { algorithm: "gbdt", params: { numTrees: 30, maxDepth: 5 } },
  });
  const worker = await startWorker({ databaseUrl: scratch.url, slots: 1, pollMs: 200, log: () => {}, scheduler: false });
  try {
    const data = await resolveTrainingData(db, spec);
    const { job } = await enqueueJob(db, engineer.ctx, { spec, ownerId: engineer.id, datasetVersionIds: [data.datasetVersionId] });
    for (;;) {
      const j = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
      if (j.status === "succeeded") break;
      expect(["queued", "running"], JSON.stringify(j.error)).toContain(j.status);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await worker.stop();
  }
  const req = await requestPromotion(db, engineer.ctx, {
    modelName: "flight-watch",
    version: 1,
    alias: "production",
    justification: "January",
    comparison: null,
  });
  await decidePromotion(db, approver.ctx, req.id, "approved", "ok");
  // Traffic like the training data: 3,000 of January's flights in random order (DuckDB reads Yes/No as booleans).
  const jan = path.join(home, "flights-2001-1-real.csv");
  const sql = `SELECT * FROM (SELECT row_number() OVER () AS id, * FROM read_csv(${literal(jan)})) ORDER BY hash(id) LIMIT 3000`;
  traffic = ((await withConnection((c) => c.runAndReadAll(sql))).getRowObjectsJS() as Record<string, unknown>[]).map((f) => ({
    ...(f as Flight),
    id: Number(f.id),
    hour: Number(f.hour),
    weekday: Number(f.weekday),
    distance: Number(f.distance),
  }));
  serving = await startServing({ databaseUrl: scratch.url });
}, 180_000);

afterAll(async () => {
  await serving?.close();
  await db?.$disconnect();
  await scratch?.drop();
  fs.rmSync(home, { recursive: true, force: true });
});

/** Serves the flights (without their label; `flight_id` rides along as the outcomes' join key) in batches as a client would. */
async function serve(flights: Flight[]) {
  const ids: string[] = [];
  for (let i = 0; i < flights.length; i += 500) {
    const body = flights.slice(i, i + 500).map(({ delayed: _d, id, ...f }) => ({ flight_id: `F${id}`, ...f }));
    const answer = await serving.predict({ modelName: "flight-watch", body, query: {}, caller: "test", requestId: `watch-${i}` });
    ids.push(...answer.predictions.map((p) => p.decisionId));
  }
  return ids;
}

async function countAll() {
  let decisions = 0;
  for (;;) {
    const step = await aggregateDrift(db, 700);
    decisions += step.decisions;
    if (!step.more) return decisions;
  }
}

const total = async () => (await db.driftWindow.findMany()).reduce((s, w) => s + w.decisions, 0);

describe("drift from the decision log", () => {
  it("keeps a training profile with the version: deciles of numbers, shares of known categories, the holdout's predictions", async () => {
    const v1 = await db.modelVersion.findFirstOrThrow({ where: { model: { name: "flight-watch" } } });
    const profile = v1.trainingProfile as {
      features: { name: string; kind: string; edges?: number[]; share: number[] }[];
      prediction: { kind: string; share: number[] };
    };
    expect(profile.features.map((f) => f.name)).toEqual(["hour", "weekday", "distance", "origin", "destination"]);
    const distance = profile.features.find((f) => f.name === "distance");
    expect(distance?.edges).toHaveLength(9);
    expect(distance?.share.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 6);
    // Airports: the ten most frequent, then all the others the model knows as one share.
    const origin = profile.features.find((f) => f.name === "origin") as unknown as { top: number[]; share: number[] };
    expect(origin.top).toHaveLength(10);
    expect(origin.share).toHaveLength(11);
    expect(profile.prediction).toMatchObject({ kind: "probability" });
    expect(profile.prediction.share).toHaveLength(10);
  });

  it("finds traffic like training stable, and the changed traffic drifted, counting each decision once", async () => {
    await serve(traffic.slice(0, 1500));
    expect(await countAll()).toBe(1500);
    // Counting again finds nothing new: the cursor moved in the transaction that stored the counts.
    expect(await countAll()).toBe(0);
    expect(await total()).toBe(1500);
    let report = await driftReport(db, "flight-watch", { window: "hour", days: 1 });
    expect(report).toMatchObject({ profiled: true, modelVersion: { version: 1 } });
    for (const w of report.windows) for (const f of w.features) expect(f.psi, `${f.name} like training`).toBeLessThan(0.1);
    expect(report.alerts).toEqual([]);

    const changed = traffic.slice(1500).map((f, i) => {
      const { hour, ...rest } = f;
      // A third of the callers stopped sending the hour.
      return { ...rest, ...(i % 3 === 0 ? {} : { hour }), distance: f.distance * 3, origin: i % 4 === 0 ? "XYZ" : f.origin } as Flight;
    });
    await serve(changed);
    expect(await countAll()).toBe(1500);
    expect(await total()).toBe(3000);
    report = await driftReport(db, "flight-watch", { window: "day", days: 1 });
    const day = report.windows[report.windows.length - 1];
    const of = (name: string) => day?.features.find((f) => f.name === name);
    expect(of("distance")?.psi).toBeGreaterThan(0.25);
    expect(of("weekday")?.psi).toBeLessThan(0.1);
    expect(of("origin")?.unseenRate).toBeGreaterThan(0.1);
    expect(of("hour")?.missingRate).toBeGreaterThan(0.15);
    const raised = report.alerts.map((a) => `${a.feature} ${a.measure}`);
    expect(raised).toEqual(expect.arrayContaining(["distance psi", "origin unseen_rate", "hour missing_rate"]));
    expect(raised).not.toContain("weekday psi");
    // Each alert once, and in the audit trail as the system's.
    expect(new Set(raised).size).toBe(raised.length);
    const audited = await db.auditEvent.findMany({ where: { action: "drift.alert" } });
    expect(audited).toHaveLength(report.alerts.length);
    expect(audited.every((e) => e.actorLabel === "system:drift")).toBe(true);
  });

  it("starts the drift-triggered retraining once per alert window", async () => {
    await setRetrainingPolicy(
      db,
      engineer.ctx,
      "flight-watch",
      RetrainingPolicyBodySchema.parse({ triggers: { newData: false, drift: true } }),
    );
    // The policy was set after the alerts: only alerts raised since count. Raise a fresh one.
    await new Promise((r) => setTimeout(r, 20));
    await db.driftAlert.updateMany({ data: { createdAt: new Date() } });
    const fired = await fireOnDrift(db);
    expect(fired).toEqual([expect.stringMatching(/^flight-watch: drift alert/)]);
    expect(await fireOnDrift(db)).toEqual([]);
    const runs = await db.retrainingRun.findMany({ where: { policy: { model: { name: "flight-watch" } } } });
    expect(runs).toHaveLength(1);
    expect(runs[0]?.trigger).toBe("drift");
    await db.retrainingPolicy.updateMany({ data: { enabled: false } });
  });
});

describe("live performance from outcomes", () => {
  it("records outcomes by decision id and by join key, and gives the realised AUC beside the holdout's", async () => {
    const decisions = await db.decision.findMany({ orderBy: { at: "asc" }, select: { id: true, input: true, output: true } });
    const byFlight = new Map(traffic.map((f) => [`F${f.id}`, f.delayed]));
    const half = Math.floor(decisions.length / 2);
    const byId = OutcomesBodySchema.parse({
      outcomes: decisions
        .slice(0, half)
        .map((d) => ({ decisionId: d.id, value: byFlight.get((d.input as { flight_id: string }).flight_id) })),
    });
    expect(await recordOutcomes(db, engineer.ctx, "flight-watch", byId)).toEqual({ recorded: half, unmatchedKeys: 0 });
    const byKey = OutcomesBodySchema.parse({
      joinKey: "flight_id",
      outcomes: [
        ...decisions.slice(half).map((d) => {
          const key = (d.input as { flight_id: string }).flight_id;
          // "yes"/"no" as another system spells them (and true/false above): the model's classes are "Yes"/"No".
          return { key, value: byFlight.get(key) ? "yes" : "no" };
        }),
        { key: "F-never-scored", value: "Yes" },
      ],
    });
    expect(await recordOutcomes(db, engineer.ctx, "flight-watch", byKey)).toEqual({ recorded: decisions.length - half, unmatchedKeys: 1 });

    const perf = await livePerformance(db, "flight-watch", { window: "hour", days: 1 });
    const y = decisions.map((d) => (byFlight.get((d.input as { flight_id: string }).flight_id) ? 1 : 0));
    const p = decisions.map((d) => (d.output as { probabilities: Record<string, number> }).probabilities.Yes as number);
    expect(perf).toMatchObject({ metric: "auc", outcomes: 3000, modelVersion: { version: 1 } });
    expect(perf.overall).toBeCloseTo(rocAuc(y, p), 10);
    expect(perf.holdout).toBeGreaterThan(0.5);
    expect(perf.windows.reduce((s, w) => s + w.outcomes, 0)).toBe(3000);
  });

  it("refuses an unknown decision, another model's value or a class the model does not have, storing nothing", async () => {
    const before = await db.decisionOutcome.findMany({ orderBy: { decisionId: "asc" } });
    const one = before[0]?.decisionId as string;
    const body = OutcomesBodySchema.parse({
      outcomes: [
        { decisionId: one, value: "No" },
        { decisionId: "00000000-0000-4000-8000-000000000000", value: "Yes" },
        { decisionId: one, value: "Maybe" },
      ],
    });
    const err = await recordOutcomes(db, engineer.ctx, "flight-watch", body).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "Invalid" });
    expect((err as { problems: { path: string; message: string }[] }).problems).toEqual(
      expect.arrayContaining([
        { path: "outcomes[1].decisionId", message: "no such decision" },
        { path: "outcomes[2].value", message: expect.stringMatching(/must be one of the model's classes "No", "Yes" \(got "Maybe"\)/) },
      ]),
    );
    expect(await db.decisionOutcome.findMany({ orderBy: { decisionId: "asc" } })).toEqual(before);
    expect(OutcomesBodySchema.safeParse({ outcomes: [{ key: "F1", value: "Yes" }] }).error?.issues[0]).toMatchObject({ path: ["joinKey"] });
  });

  it("reads outcomes from an outcome dataset: by key column or decision-id column, keeping the dataset version with each", async () => {
    // An export as another system writes it: its own column names, Y/N, NA for not known yet, a
    // flight the model never scored. Every value is the opposite of the truth, so the realised AUC
    // must turn into 1 - AUC: proof that each correction replaced the outcome recorded before.
    const before = (await livePerformance(db, "flight-watch", { window: "day", days: 1 })).overall as number;
    const lines = traffic.map((f, i) => `F${f.id},${i % 10 === 0 ? "NA" : f.delayed ? "N" : "Y"}`);
    const csv = path.join(home, "flight-outcomes.csv");
    fs.writeFileSync(csv, ["flight,late", ...lines, "F-never-scored,Y"].join("\n"));
    const { version } = await ingestDataset(db, engineer.ctx, { name: "flight-outcomes", file: csv, originalName: "outcomes.csv" });
    const body = OutcomesFromDatasetBodySchema.parse({
      dataset: "flight-outcomes",
      keyColumn: "flight",
      joinKey: "flight_id",
      valueColumn: "late",
    });
    const result = await recordOutcomesFromDataset(db, engineer.ctx, "flight-watch", body);
    expect(result).toEqual({ recorded: 2700, unmatchedKeys: 1, skippedRows: 300, datasetVersionId: version.id });
    const corrected = await livePerformance(db, "flight-watch", { window: "day", days: 1 });
    const row = new Map(traffic.map((f, i) => [`F${f.id}`, i]));
    const decisions = await db.decision.findMany({ select: { input: true, output: true } });
    const truth = decisions.map((d) => {
      const i = row.get((d.input as { flight_id: string }).flight_id) as number;
      const delayed = traffic[i]?.delayed as boolean;
      return (i % 10 === 0 ? delayed : !delayed) ? 1 : 0; // the NA rows keep the outcome recorded before
    });
    const p = decisions.map((d) => (d.output as { probabilities: Record<string, number> }).probabilities.Yes as number);
    expect(corrected.overall).toBeCloseTo(rocAuc(truth, p), 10);
    expect(corrected.overall).toBeLessThan(1 - before + 0.1);
    expect(await db.decisionOutcome.count({ where: { datasetVersionId: version.id } })).toBe(2700);
    expect(await db.decisionOutcome.count({ where: { datasetVersionId: null } })).toBe(300);
    const audited = await db.auditEvent.findFirstOrThrow({ where: { action: "outcome.recorded" }, orderBy: { seq: "desc" } });
    expect(audited.after).toMatchObject({ dataset: "flight-outcomes v1", datasetVersionId: version.id, decisions: 2700, skippedRows: 300 });

    // By decision id: an id from another system's log is unmatched, not an error.
    const ids = await db.decision.findMany({ take: 5, orderBy: { id: "asc" }, select: { id: true } });
    const byIdCsv = path.join(home, "by-id.csv");
    fs.writeFileSync(
      byIdCsv,
      ["decision,outcome", ...ids.map((d) => `${d.id},true`), "00000000-0000-4000-8000-000000000000,false"].join("\n"),
    );
    const byId = await ingestDataset(db, engineer.ctx, { name: "decision-outcomes", file: byIdCsv, originalName: "by-id.csv" });
    expect(
      await recordOutcomesFromDataset(
        db,
        engineer.ctx,
        "flight-watch",
        OutcomesFromDatasetBodySchema.parse({ datasetVersionId: byId.version.id, decisionIdColumn: "decision", valueColumn: "outcome" }),
      ),
    ).toEqual({ recorded: 5, unmatchedKeys: 1, skippedRows: 0, datasetVersionId: byId.version.id });
    const stored = await db.decisionOutcome.findMany({ where: { decisionId: { in: ids.map((d) => d.id) } } });
    expect(stored.map((o) => o.value)).toEqual(["Yes", "Yes", "Yes", "Yes", "Yes"]);

    // Twin calls at once (a retried scheduler): both finish, rows are locked in one order, no deadlock.
    const twins = await Promise.all([1, 2].map(() => recordOutcomesFromDataset(db, engineer.ctx, "flight-watch", body)));
    expect(twins.map((t) => t.recorded)).toEqual([2700, 2700]);
    expect(await db.decisionOutcome.count({ where: { datasetVersionId: version.id } })).toBe(2700);
  });

  it("refuses an outcome dataset with a missing column or a value that is no class, naming the row, storing nothing", async () => {
    const before = await db.decisionOutcome.findMany({ orderBy: { decisionId: "asc" } });
    const missing = await recordOutcomesFromDataset(
      db,
      engineer.ctx,
      "flight-watch",
      OutcomesFromDatasetBodySchema.parse({
        dataset: "flight-outcomes",
        keyColumn: "flight_no",
        joinKey: "flight_id",
        valueColumn: "late",
      }),
    ).catch((e: unknown) => e);
    expect((missing as { problems: unknown[] }).problems).toEqual([
      { path: "keyColumn", message: 'no column "flight_no" in flight-outcomes v1 (columns: flight, late)' },
    ]);

    const csv = path.join(home, "bad-outcomes.csv");
    fs.writeFileSync(csv, ["flight,late", `F${traffic[0]?.id},Y`, `F${traffic[1]?.id},perhaps`].join("\n"));
    await ingestDataset(db, engineer.ctx, { name: "bad-outcomes", file: csv, originalName: "bad.csv" });
    const err = await recordOutcomesFromDataset(
      db,
      engineer.ctx,
      "flight-watch",
      OutcomesFromDatasetBodySchema.parse({ dataset: "bad-outcomes", keyColumn: "flight", joinKey: "flight_id", valueColumn: "late" }),
    ).catch((e: unknown) => e);
    expect((err as { problems: unknown[] }).problems).toEqual([
      { path: "rows[1].late", message: expect.stringMatching(/must be one of the model's classes "No", "Yes" \(got "perhaps"\)/) },
    ]);
    expect(await db.decisionOutcome.findMany({ orderBy: { decisionId: "asc" } })).toEqual(before);
    expect(OutcomesFromDatasetBodySchema.safeParse({ dataset: "x", valueColumn: "v" }).error?.issues[0]).toMatchObject({
      path: ["keyColumn"],
    });
  });
});
