// The queue and the worker with real PostgreSQL and real child processes: submit → succeeded with
// its run, metrics and artifact; cancel while running; the time limit; idempotent submits.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type TrainingSpecInput, TrainingSpecSchema } from "@roundhouse/contracts";
import { ingestDataset, literal, resolveTrainingData, withConnection } from "@roundhouse/data";
import { createDb, createUser, type Db, enqueueJob, type RequestContext, requestCancel, SYSTEM_ACTOR } from "@roundhouse/db";
import { warmUpSteps } from "@roundhouse/ml";
import { localFileOf } from "@roundhouse/store";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startWorker } from "./worker.ts";

let db: Db;
let ctx: RequestContext;
let ownerId: string;
let datasetVersionId: string;
let worker: Awaited<ReturnType<typeof startWorker>>;
const home = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-worker-"));

beforeAll(async () => {
  process.env.ROUNDHOUSE_HOME = home;
  process.env.DATABASE_URL = inject("databaseUrl");
  // Training children started ahead warm the learning engine whether or not the (busy) test machine
  // has an idle core: each job's child is then the product's warm one, and the test below reads it.
  process.env.ROUNDHOUSE_WARM_UP = "always";
  db = createDb(inject("databaseUrl"), 4);
  const user = await createUser(
    db,
    { actor: SYSTEM_ACTOR },
    { email: `worker-${Date.now()}@example.com`, name: "W", role: "engineer", password: "0123456789" },
  );
  ownerId = user.id;
  ctx = { actor: { id: user.id, label: user.email } };
  const csv = path.join(home, "churn.csv");
  await withConnection((c) =>
    c.run(`COPY (SELECT (hash(i) % 1000) / 250.0 - 2 AS x, ['a', 'b', 'c'][1 + i % 3] AS plan,
                 ((hash(i) % 1000) / 250.0 - 2 + CASE i % 3 WHEN 1 THEN 1 ELSE 0 END > 0) AS churned
          FROM range(20000) r(i)) TO ${literal(csv)} (FORMAT csv, HEADER)`),
  );
  datasetVersionId = (await ingestDataset(db, ctx, { name: `churn-${Date.now()}`, file: csv })).version.id;
  worker = await startWorker({ databaseUrl: inject("databaseUrl"), slots: 2, pollMs: 500, log: () => {} });
});

afterAll(async () => {
  await worker?.stop();
  await db.$disconnect();
  fs.rmSync(home, { recursive: true, force: true });
});

function spec(overrides: Partial<TrainingSpecInput["train"]> = {}, resources: Partial<NonNullable<TrainingSpecInput["resources"]>> = {}) {
  return TrainingSpecSchema.parse({
    metadata: { name: "churn" },
    data: { datasetVersionId, label: "churned" },
    train: { algorithm: "gbdt", params: { numTrees: 20 }, ...overrides },
    resources,
  });
}

async function submit(s: ReturnType<typeof spec>, idempotencyKey?: string) {
  const data = await resolveTrainingData(db, s);
  return (await enqueueJob(db, ctx, { spec: s, ownerId, datasetVersionIds: [data.datasetVersionId], idempotencyKey })).job;
}

/** The pid of the training process running `jobId` on the in-process worker. */
async function childOf(jobId: string, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pid = worker.childOf(jobId);
    if (pid) return pid;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no training process for ${jobId}`);
}

let noiseVersionId: string | undefined;
/**
 * A job no machine finishes in a minute: 10,000 trees on a million rows of noise. (On the small
 * churn data 10,000 trees fit in about 6 s: the engine's speed must not let a cancel or a time
 * limit arrive too late.)
 */
async function longJob(resources: Partial<NonNullable<TrainingSpecInput["resources"]>> = {}) {
  if (!noiseVersionId) {
    const noise = path.join(home, "noise.parquet");
    await withConnection((c) =>
      c.run(
        `COPY (SELECT random() AS a, random() AS b, random() AS c, random() < 0.5 AS y FROM range(1000000)) TO ${literal(noise)} (FORMAT parquet)`,
      ),
    );
    noiseVersionId = (await ingestDataset(db, ctx, { name: `noise-${Date.now()}`, file: noise })).version.id;
  }
  return TrainingSpecSchema.parse({
    metadata: { name: "long" },
    data: { datasetVersionId: noiseVersionId, label: "y" },
    train: { algorithm: "gbdt", params: { numTrees: 10000, maxDepth: 8 } },
    resources,
  });
}

async function until(jobId: string, statuses: string[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.trainingJob.findUniqueOrThrow({ where: { id: jobId } });
    if (statuses.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} is still ${job.status}: ${JSON.stringify(job.error)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("training jobs", () => {
  it("runs a job from submit to succeeded, with its run, metrics, series, logs, step timings and artifact", async () => {
    const job = await submit(spec());
    const done = await until(job.id, ["succeeded", "failed"]);
    expect(done.error).toBeNull();
    expect(done.status).toBe("succeeded");
    expect((done.stepTimings as { step: string }[]).map((s) => s.step)).toEqual(["load", "split", "fit", "evaluate", "serialize"]);
    const run = await db.run.findFirstOrThrow({ where: { jobId: job.id }, include: { artifacts: true } });
    expect((run.metrics as { auc: number }).auc).toBeGreaterThan(0.9);
    expect((run.rowsTrain ?? 0) + (run.rowsHoldout ?? 0)).toBe(20000);
    expect(await db.metricPoint.count({ where: { jobId: job.id, attempt: run.attempt, name: "train_loss" } })).toBe(20);
    const artifact = run.artifacts[0];
    expect(artifact?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.existsSync(await localFileOf(artifact?.path ?? ""))).toBe(true);
    expect(await db.jobLog.count({ where: { jobId: job.id } })).toBeGreaterThan(3);
    // The run became a version of the model named by the job, linked to the exact dataset version.
    const version = await db.modelVersion.findFirstOrThrow({ where: { runId: run.id }, include: { model: true, datasets: true } });
    expect(version).toMatchObject({ artifactSha256: artifact?.sha256, model: { name: "churn" } });
    expect(version.datasets.map((d) => d.datasetVersionId)).toEqual([datasetVersionId]);
    expect(done.attempts).toBe(1);
    // Every move is audited, the worker's under its own name, in the order it happened.
    const events = await db.auditEvent.findMany({ where: { entityId: { in: [job.id, version.id] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.actorLabel])).toEqual([
      ["job.submit", ctx.actor.label],
      ["job.claimed", `worker:${worker.id}`],
      ["model-version.registered", `worker:${worker.id}`],
      ["job.succeeded", `worker:${worker.id}`],
    ]);
    expect(events.at(-1)?.after).toMatchObject({
      status: "succeeded",
      runId: run.id,
      modelVersion: { model: "churn", version: version.version },
    });
  });

  it("reproduces a job with sampling to the same model bytes on another cpu count, and registers no model version", async () => {
    const sampled = spec({ params: { numTrees: 15, subsample: 0.7, colsampleByTree: 0.5, seed: 3 } });
    const first = await until((await submit(sampled)).id, ["succeeded", "failed"]);
    expect(first.status).toBe("succeeded");
    const data = await resolveTrainingData(db, sampled);
    const again = TrainingSpecSchema.parse({ ...sampled, data: { ...sampled.data }, resources: { ...sampled.resources, cpu: 2 } });
    const versionsBefore = await db.modelVersion.count();
    const { job } = await enqueueJob(db, ctx, {
      spec: again,
      ownerId,
      datasetVersionIds: [data.datasetVersionId],
      reproducesJobId: first.id,
    });
    const second = await until(job.id, ["succeeded", "failed"]);
    expect(second.status, JSON.stringify(second.error)).toBe("succeeded");
    const sha = async (jobId: string) => (await db.artifact.findFirstOrThrow({ where: { run: { jobId }, kind: "model" } })).sha256;
    expect(await sha(second.id)).toBe(await sha(first.id));
    expect(await db.modelVersion.count()).toBe(versionsBefore);
    const logs = await db.jobLog.findMany({ where: { jobId: second.id } });
    expect(logs.map((l) => l.message).join("\n")).toMatch(/reproduced job .*byte for byte the same/);
    const audit = await db.auditEvent.findFirst({ where: { entityId: second.id, action: "job.reproduce" } });
    expect(audit).not.toBeNull();
  });

  it("warms the learning engine in a child started ahead while it waits, and the job's model is the same bytes", async () => {
    // New resources: the first job gets a child of its own at once (no warm-up); the next child is
    // started ahead with them, and the second job, with the same resources, gets it.
    const resources = { cpu: 2, memoryMb: 1536 };
    // params.threads does not take more cores than the job holds: it fits on resources.cpu, and its log says so.
    const cold = await until((await submit(spec({ params: { numTrees: 30, threads: 64 } }, resources))).id, ["succeeded", "failed"]);
    expect(cold.status, JSON.stringify(cold.error)).toBe("succeeded");
    const fitLine = (await db.jobLog.findMany({ where: { jobId: cold.id } })).map((l) => l.message).find((m) => m.startsWith("fit:"));
    expect(fitLine).toMatch(/"threads":2[,}]/);
    // Seconds for the waiting child to start and warm up (about 2 s of fits, 1.6 s of them on two
    // threads, on a quiet machine; CI runs other test files beside this one).
    await new Promise((r) => setTimeout(r, 20_000));
    const warm = await until((await submit(spec({ params: { numTrees: 30 } }, resources))).id, ["succeeded", "failed"]);
    expect(warm.status, JSON.stringify(warm.error)).toBe("succeeded");
    const warmUpLine = async (jobId: string) =>
      (await db.jobLog.findMany({ where: { jobId } })).map((l) => l.message).find((m) => m.includes("warm-up"));
    expect(await warmUpLine(cold.id)).toBeUndefined();
    const steps = warmUpSteps(2).map((s) => s.name);
    expect(await warmUpLine(warm.id)).toMatch(
      new RegExp(`^this process ran ${steps.length} warm-up steps \\(${steps.join(", ")}\\) in \\d+ ms while it waited for the job$`),
    );
    const sha = async (jobId: string) => (await db.artifact.findFirstOrThrow({ where: { run: { jobId }, kind: "model" } })).sha256;
    expect(await sha(warm.id)).toBe(await sha(cold.id));
  }, 120_000);

  it("returns the same job for the same Idempotency-Key", async () => {
    const key = `key-${Date.now()}`;
    const a = await submit(spec(), key);
    const b = await submit(spec(), key);
    expect(b.id).toBe(a.id);
    await until(a.id, ["succeeded", "failed"]);
  });

  it("reports the fit while it runs, stops within seconds of a cancel, and keeps the attempt's curve and log", async () => {
    const job = await submit(await longJob());
    // Loss points and progress arrive while the child is busy fitting, not when it ends.
    const deadline = Date.now() + 30_000;
    while ((await db.metricPoint.count({ where: { jobId: job.id } })) < 2) {
      if (Date.now() > deadline) throw new Error("no loss points while the job fits");
      await new Promise((r) => setTimeout(r, 200));
    }
    const fitting = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(fitting.status).toBe("running");
    expect(fitting.progress).toMatchObject({ step: "fit", message: expect.stringMatching(/^iteration \d+\/10000/) });
    const asked = Date.now();
    await requestCancel(db, ctx, job.id);
    const done = await until(job.id, ["cancelled", "failed", "succeeded"], 20_000);
    expect(done.status).toBe("cancelled");
    expect(Date.now() - asked).toBeLessThan(12_000);
    expect(await db.metricPoint.count({ where: { jobId: job.id, attempt: 1, name: "train_loss" } })).toBeGreaterThan(1);
    const logged = (await db.jobLog.findMany({ where: { jobId: job.id } })).map((l) => l.message);
    expect(logged).toEqual(
      expect.arrayContaining([expect.stringMatching(/^fit: training gbdt/), "stopped during fit: cancelled by request"]),
    );
    // The steps it got through, as the worker saw them, are kept with the job.
    expect((done.stepTimings as { step: string }[]).map((t) => t.step)).toEqual(["load", "split", "fit"]);
    // A cancelled attempt leaves no run, no model file row and no model version.
    expect(await db.run.count({ where: { jobId: job.id } })).toBe(0);
    const stopped = await db.auditEvent.findFirstOrThrow({ where: { entityId: job.id, action: "job.stopped" } });
    expect(stopped.actorLabel).toBe(`worker:${worker.id}`);
  });

  it("fails a job past its time limit with the reason, and frees the slot", async () => {
    const job = await submit(await longJob({ timeoutSeconds: 10 }));
    const done = await until(job.id, ["failed", "succeeded", "cancelled"], 40_000);
    expect(done.status).toBe("failed");
    expect((done.error as { message: string }).message).toMatch(/time limit of 10 s/);
    const next = await submit(spec());
    expect((await until(next.id, ["succeeded", "failed"])).status).toBe("succeeded");
  }, 90_000);

  it("fails with the reason in the user's terms when the label has one class", async () => {
    const job = await submit(
      TrainingSpecSchema.parse({
        ...spec(),
        data: { datasetVersionId, label: "churned", filters: [{ column: "churned", op: "=", value: true }] },
      }),
    );
    const done = await until(job.id, ["failed", "succeeded"]);
    expect((done.error as { message: string }).message).toMatch(/has 1 class in the training split/);
  });

  it("succeeds on a holdout of one class, without ROC AUC and PR AUC, and its log says why", async () => {
    // A month without a positive: the report once carried AUC as null, was refused, and the job was
    // retried until it failed with "The training process ended without reporting a result".
    const csv = path.join(home, "quiet-month.csv");
    await withConnection((c) =>
      c.run(`COPY (SELECT DATE '2024-01-01' + CAST(i AS INTEGER) AS day, i % 7 AS x, CASE WHEN i < 60 THEN i % 2 = 0 ELSE false END AS fraud
                   FROM range(90) r(i)) TO ${literal(csv)} (FORMAT csv, HEADER)`),
    );
    const quiet = (await ingestDataset(db, ctx, { name: `quiet-${Date.now()}`, file: csv })).version.id;
    const job = await submit(
      TrainingSpecSchema.parse({
        metadata: { name: "quiet" },
        data: {
          datasetVersionId: quiet,
          label: "fraud",
          features: ["x"],
          holdout: {
            kind: "dateRange",
            column: "day",
            train: { from: "2024-01-01", to: "2024-03-01" },
            holdout: { from: "2024-03-05", to: "2024-04-01" },
          },
        },
        train: { algorithm: "gbdt", params: { numTrees: 5 } },
      }),
    );
    const done = await until(job.id, ["failed", "succeeded"]);
    expect(done.error).toBeNull();
    expect(done.attempts).toBe(1);
    const run = await db.run.findFirstOrThrow({ where: { jobId: job.id } });
    expect(Object.keys(run.metrics as object).sort()).toEqual(["accuracy", "f1", "logloss", "precision", "recall"]);
    const logs = await db.jobLog.findMany({ where: { jobId: job.id }, orderBy: { id: "asc" } });
    expect(logs.map((l) => l.message)).toContain(
      'ROC AUC and PR AUC are not defined on this holdout: its 26 row(s) all have the label "false". A holdout range with more rows measures them; the run has the other metrics.',
    );
  });

  it("fails a job whose data does not fit its spec with the reason alone: no error class name, no stack", async () => {
    // Filters are checked by the job (the profile at submit is of every row): none is left here.
    const job = await submit(
      TrainingSpecSchema.parse({
        ...spec(),
        data: { datasetVersionId, label: "churned", filters: [{ column: "x", op: ">", value: 100 }] },
      }),
    );
    const done = await until(job.id, ["failed", "succeeded"]);
    const error = done.error as { message: string; logTail: string[] };
    // The compiled training entry once named it "_Invalid: …" and logged its stack, as for a bug.
    expect(error.message).toBe("The split leaves no rows to train on.");
    expect(error.logTail.filter((line) => /^\s+at /.test(line))).toEqual([]);
  });
});

describe("resource limits", () => {
  it("fails a job that outgrows its memory limit with the reason, and frees the slot", async () => {
    const big = path.join(home, "big.parquet");
    await withConnection((c) =>
      c.run(
        `COPY (SELECT random() AS a, random() AS b, random() AS c, random() AS d, (i % 2 = 0) AS y FROM range(4000000) r(i)) TO ${literal(big)} (FORMAT parquet)`,
      ),
    );
    const version = (await ingestDataset(db, ctx, { name: `big-${Date.now()}`, file: big })).version.id;
    const s = TrainingSpecSchema.parse({
      metadata: { name: "too big" },
      data: { datasetVersionId: version, label: "y" },
      train: { algorithm: "gbdt", params: { numTrees: 50 } },
      resources: { memoryMb: 400 },
    });
    const job = await submit(s);
    const done = await until(job.id, ["failed", "succeeded"], 90_000);
    expect(done.status).toBe("failed");
    expect((done.error as { message: string }).message).toMatch(
      /ran out of memory \(limit 400 MB, resources.memoryMb; it reached \d+ MB\)/,
    );
    // The same limit is plenty for a small job: the limit, not the machine, stopped the big one.
    const small = await submit(spec({}, { memoryMb: 400 }));
    expect((await until(small.id, ["succeeded", "failed"])).status).toBe("succeeded");
  }, 150_000);
});

describe("a worker killed mid-job", () => {
  it("retries a job whose data could not be read (the store failed, not the job), and succeeds once it can be", async () => {
    // Any error but bad data or a bad spec failed the job for good at once: an object store's hiccup
    // under load ended a job that its next attempt would have run.
    const csv = path.join(home, "flaky.csv");
    await withConnection((c) =>
      c.run(`COPY (SELECT i % 10 AS x, i % 2 = 0 AS y FROM range(200) r(i)) TO ${literal(csv)} (FORMAT csv, HEADER)`),
    );
    const flaky = (await ingestDataset(db, ctx, { name: `flaky-${Date.now()}`, file: csv })).version.id;
    const stored = await localFileOf((await db.datasetVersion.findUniqueOrThrow({ where: { id: flaky } })).storagePath);
    fs.renameSync(stored, `${stored}.away`);
    const job = await submit(
      TrainingSpecSchema.parse({
        metadata: { name: "flaky" },
        data: { datasetVersionId: flaky, label: "y" },
        train: { algorithm: "gbdt", params: { numTrees: 3 } },
      }),
    );
    // Back in the queue after its first attempt (or finished, which the expectation below refuses).
    const deadline = Date.now() + 60_000;
    let requeued = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    while (!(requeued.attempts >= 1 && requeued.status !== "running") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      requeued = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    }
    fs.renameSync(`${stored}.away`, stored);
    expect(requeued.status).toBe("queued");
    const done = await until(job.id, ["failed", "succeeded"]);
    expect(done.status).toBe("succeeded");
    expect(done.attempts).toBe(2);
    const logs = await db.jobLog.findMany({ where: { jobId: job.id }, orderBy: { id: "asc" } });
    expect(logs.map((l) => l.message)).toContainEqual(
      expect.stringMatching(/^The training process failed: .* Attempt 1 of 3; trying again in 2 s\.$/),
    );
  });

  it("retries a job whose training child is killed: back in the queue, succeeded on attempt 2, with one finished run", async () => {
    // Long enough (a few seconds) that the kill lands mid-fit however fast the engine gets.
    const job = await submit(spec({ params: { numTrees: 4000, maxDepth: 6 } }));
    await until(job.id, ["running"], 30_000);
    const child = await childOf(job.id);
    await new Promise((r) => setTimeout(r, 500));
    process.kill(child, "SIGKILL");
    const done = await until(job.id, ["succeeded", "failed"], 120_000);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    expect(done.attempts).toBe(2);
    const warned = await db.jobLog.findMany({ where: { jobId: job.id, level: "warn" } });
    expect(warned.map((l) => l.message)).toEqual([
      expect.stringMatching(/exited unexpectedly \(SIGKILL\)\. Attempt 1 of 3; trying again in 2 s/),
    ]);
    // The killed attempt left no run: the one run is attempt 2's.
    expect(await db.run.findMany({ where: { jobId: job.id }, select: { attempt: true } })).toEqual([{ attempt: 2 }]);
    expect(await db.auditEvent.count({ where: { entityId: job.id, action: "job.requeued" } })).toBe(1);
  }, 180_000);

  it("loses the job to the queue when its lease expires; another worker runs it to success once", async () => {
    const { spawn } = await import("node:child_process");
    // A second, separate worker process with short leases, so the test does not wait 30 s.
    const env = {
      ...process.env,
      DATABASE_URL: inject("databaseUrl"),
      ROUNDHOUSE_HOME: home,
      ROUNDHOUSE_LEASE_SECONDS: "3",
      ROUNDHOUSE_WORKER_SLOTS: "1",
    };
    await worker.stop(); // the in-process worker must not take the job first
    const job = await submit(spec({ params: { numTrees: 8000, maxDepth: 6, learningRate: 0.05 } }));
    const doomed = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "main.ts")], { env, stdio: "ignore" });
    const running = await until(job.id, ["running"], 30_000);
    expect(running.leaseOwner).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1000));
    doomed.kill("SIGKILL");

    worker = await startWorker({ databaseUrl: inject("databaseUrl"), slots: 1, pollMs: 500, log: () => {} });
    const done = await until(job.id, ["succeeded", "failed"], 120_000);
    expect(done.status).toBe("succeeded");
    expect(done.attempts).toBe(2);
    expect(done.leaseOwner).toBeNull();
    expect(await db.run.count({ where: { jobId: job.id } })).toBe(1);
    const reclaimed = await db.auditEvent.findFirstOrThrow({ where: { entityId: job.id, action: "job.reclaimed" } });
    expect(reclaimed.after).toMatchObject({ status: "queued", reason: "the worker's lease expired" });
  }, 180_000);
});

describe("sweeps", () => {
  it("fans a grid out into trials, runs at most `parallelism` at once, and picks the best by the objective", async () => {
    const { enqueueSweep } = await import("@roundhouse/db");
    const s = TrainingSpecSchema.parse({
      metadata: { name: "sweep" },
      data: { datasetVersionId, label: "churned" },
      train: {
        algorithm: "gbdt",
        params: { numTrees: 10 },
        sweep: {
          method: "grid",
          params: { maxDepth: [1, 3], learningRate: [0.05, 0.3] },
          parallelism: 2,
          objective: { metric: "auc", direction: "maximize" },
        },
      },
    });
    const { job: parent } = await enqueueSweep(db, ctx, { spec: s, ownerId, datasetVersionIds: [datasetVersionId] });
    let maxRunning = 0;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const running = await db.trainingJob.count({ where: { parentJobId: parent.id, status: "running" } });
      maxRunning = Math.max(maxRunning, running);
      const p = await db.trainingJob.findUniqueOrThrow({ where: { id: parent.id } });
      if (p.status !== "running") break;
      if (Date.now() > deadline) throw new Error("sweep did not finish");
      await new Promise((r) => setTimeout(r, 100));
    }
    const done = await db.trainingJob.findUniqueOrThrow({ where: { id: parent.id } });
    const trials = await db.trainingJob.findMany({ where: { parentJobId: parent.id }, include: { runs: true } });
    expect(trials).toHaveLength(4);
    expect(trials.every((t) => t.status === "succeeded")).toBe(true);
    expect(maxRunning).toBeLessThanOrEqual(2);
    expect(done.status).toBe("succeeded");
    const aucs = trials.map((t) => ({ id: t.id, auc: (t.runs[0]?.metrics as { auc: number } | undefined)?.auc ?? 0 }));
    const best = aucs.reduce((a, b) => (b.auc > a.auc ? b : a));
    expect((done.progress as { bestTrialId: string }).bestTrialId).toBe(best.id);
    expect(
      new Set(
        trials.map((t) =>
          JSON.stringify((t.spec as { train: { params: { maxDepth: number; learningRate: number } } }).train.params.maxDepth),
        ),
      ),
    ).toEqual(new Set(["1", "3"]));
  }, 120_000);
});
