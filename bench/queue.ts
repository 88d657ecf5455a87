// `pnpm bench:queue`: the job queue's own overhead, and the platform's overhead on a real job.
// 1) 1,000 trivial jobs through 4 claimers (claim + finish, no training): jobs per second and claim
//    latency. 2) A real GBDT job through the worker (child process, data load, evaluation, artifact)
//    against training the same model in process the way `roundhouse fit` does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isTerminal, TrainingSpecSchema } from "@roundhouse/contracts";
import {
  buildFeatureMatrix,
  convertToParquet,
  ingestDataset,
  literal,
  resolveTrainingData,
  vegaDataFile,
  withConnection,
} from "@roundhouse/data";
import { claimNextJob, createDb, createUser, enqueueJob, finishJob, SYSTEM_ACTOR } from "@roundhouse/db";
import { startEmbeddedPostgres } from "@roundhouse/db/embedded-postgres";
import { applyMigrations } from "@roundhouse/db/migrations";
import { evaluate, serializeModel, trainModel } from "@roundhouse/ml";
import { startWorker } from "@roundhouse/worker";
import { freePort } from "../test/free-port.ts";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-bench-queue-"));
fs.chmodSync(home, 0o755);
process.env.ROUNDHOUSE_HOME = home;
const pgServer = await startEmbeddedPostgres({ dir: path.join(home, "postgres"), port: await freePort() });
process.env.DATABASE_URL = pgServer.url;
await applyMigrations(pgServer.url);
const db = createDb(pgServer.url, 4);
const user = await createUser(
  db,
  { actor: SYSTEM_ACTOR },
  { email: "bench@example.com", name: "Bench", role: "engineer", password: "0123456789" },
);
const ctx = { actor: { id: user.id, label: user.email } };
const pct = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;

try {
  console.log(`roundhouse bench:queue on ${os.cpus().length} cores, PostgreSQL 18 (embedded)\n`);
  const spec = TrainingSpecSchema.parse({
    metadata: { name: "trivial" },
    data: { dataset: "none", label: "y" },
    train: { algorithm: "gbdt" },
  });
  for (let i = 0; i < 1000; i++) await enqueueJob(db, ctx, { spec, ownerId: user.id, datasetVersionIds: [] });
  const latencies: number[] = [];
  const t = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async (_, w) => {
      const mine = createDb(pgServer.url, 2);
      for (;;) {
        const c = performance.now();
        const job = await claimNextJob(mine, `bench-${w}`, 30);
        latencies.push(performance.now() - c);
        if (!job) break;
        await finishJob(mine, job.id, `bench-${w}`, "succeeded");
      }
      await mine.$disconnect();
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  console.log(
    `queue: 1,000 trivial jobs through 4 claimers in ${seconds.toFixed(2)} s = ${Math.round(1000 / seconds)} jobs/s; claim latency p50 ${pct(latencies, 0.5).toFixed(2)} ms, p99 ${pct(latencies, 0.99).toFixed(2)} ms`,
  );

  // A real job: GBDT, 100 trees, on 200k flights, through the worker; then the same fit in process.
  const flights = vegaDataFile("flights-3m.parquet");
  const file = path.join(home, "flights-200k.parquet");
  await withConnection((c) =>
    c.run(
      `COPY (SELECT hour(date) AS hour, dayofweek(date) AS weekday, distance, origin, destination, delay > 15 AS delayed FROM read_parquet(${literal(flights)}) LIMIT 200000) TO ${literal(file)} (FORMAT parquet)`,
    ),
  );
  const version = (await ingestDataset(db, ctx, { name: "flights-200k", file })).version;
  const realSpec = TrainingSpecSchema.parse({
    metadata: { name: "flights" },
    data: { datasetVersionId: version.id, label: "delayed" },
    train: { algorithm: "gbdt", params: { numTrees: 100 } },
  });
  const worker = await startWorker({ databaseUrl: pgServer.url, slots: 1, pollMs: 200, log: () => {} });
  // A worker is long-lived: by the time a job comes, its training process has started (training-children.ts).
  await new Promise((r) => setTimeout(r, 3000));
  const submitted = performance.now();
  const data = await resolveTrainingData(db, realSpec);
  const { job } = await enqueueJob(db, ctx, { spec: realSpec, ownerId: user.id, datasetVersionIds: [data.datasetVersionId] });
  for (;;) {
    const j = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    if (isTerminal(j.status)) {
      if (j.status !== "succeeded") throw new Error(`bench job ${j.status}: ${JSON.stringify(j.error)}`);
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const platform = (performance.now() - submitted) / 1000;
  await worker.stop();
  // Where the platform's time went: waiting to be claimed, the child's start-up (claim → its first
  // step), its steps, and recording the outcome (its last step's end → succeeded).
  const done = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
  const steps = done.stepTimings as { step: string; startedAt: string; millis: number }[];
  const last = steps.at(-1) as (typeof steps)[number];
  const ms = (a: Date | string, b: Date | string) => `${new Date(b).getTime() - new Date(a).getTime()} ms`;
  const outsideSteps = platform - steps.reduce((n, t) => n + t.millis, 0) / 1000;
  console.log(
    `  breakdown: queued → claimed ${ms(done.createdAt, done.startedAt as Date)}; claimed → first step ${ms(done.startedAt as Date, steps[0]?.startedAt ?? (done.startedAt as Date))}; ${steps.map((t) => `${t.step} ${t.millis} ms`).join(", ")}; outcome recorded ${new Date(done.finishedAt as Date).getTime() - (new Date(last.startedAt).getTime() + last.millis)} ms`,
  );

  const local = performance.now();
  const stored = path.join(home, "local.parquet");
  const c = await convertToParquet(file, stored);
  const m = await buildFeatureMatrix({
    file: stored,
    schema: c.schema,
    label: "delayed",
    features: c.schema.map((s) => s.name).filter((n) => n !== "delayed"),
    holdout: realSpec.data.holdout,
  });
  const train = { rows: m.train.rows, features: m.features, columns: m.train.columns, label: m.train.label };
  const model = trainModel("gbdt", "binary", train, realSpec.train.params);
  evaluate(model, { rows: m.holdout.rows, features: m.features, columns: m.holdout.columns, label: m.holdout.label });
  serializeModel(model, { name: "delayed" });
  const fitSeconds = (performance.now() - local) / 1000;
  console.log(
    `real job (GBDT 100 trees, 200k flights): submit → succeeded ${platform.toFixed(2)} s; the same work in process ${fitSeconds.toFixed(2)} s; platform overhead ${(platform - fitSeconds).toFixed(2)} s; outside the job's own steps ${outsideSteps.toFixed(2)} s (target < 0.5 s)`,
  );
} finally {
  await db.$disconnect();
  await pgServer.stop();
  fs.rmSync(home, { recursive: true, force: true });
}
