// One training job (or a batch scoring job: score-job.ts), in a child process of the worker (its memory limit and timeout are enforced
// from outside): load the data, split, fit, evaluate and write the model file, reporting as it goes
// (child-protocol.ts). Exits 0 after saying what it made; otherwise says why it failed. It writes no
// job, run or model row: the worker does, so a killed child leaves none behind.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { RoundhouseError, type TrainingSpec, TrainingSpecSchema, trainerOf } from "@roundhouse/contracts";
import { isTemporal, leftOutRows, loadTrainingMatrix } from "@roundhouse/data";
import { createDb, modelArtifactOfJob } from "@roundhouse/db";
import {
  evaluate,
  evaluatePredictions,
  featureImportance,
  InvalidParams,
  isOnnxModel,
  nativeModel,
  prepareFitThreads,
  type StoredModel,
  serializeModel,
  trainingProfile,
  trainModel,
} from "@roundhouse/ml";
import { WorkflowFailure } from "@roundhouse/workflows";
import { storeArtifact } from "./artifact-store.ts";
import { childSays } from "./child-protocol.ts";
import { describeWarmUp, warmUpMode, warmUpWhileWaiting } from "./engine-warm-up.ts";
import { holdoutMetrics } from "./holdout-metrics.ts";
import { runScoringJob } from "./score-job.ts";
import { JobFailure, splitForTraining } from "./training-split.ts";
import { fitWithWorkflow } from "./workflow-fit.ts";

// A job whose worker died (kill -9, lost machine) must not keep training: its lease will expire and
// another attempt will run it. A re-parented process exits.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(70);
}, 1000).unref();

const db = createDb(process.env.DATABASE_URL as string, 2);

/**
 * Started ahead of its job (training-children.ts): the worker says which on stdin. Meanwhile the
 * process warms the learning engine (engine-warm-up.ts) when the worker asked for it
 * (ROUNDHOUSE_WARM_UP_THREADS: the threads of the jobs it expects); the job's log says what ran.
 */
async function jobToRun(): Promise<string> {
  // Connect and run a first query while waiting (Prisma readies its engine on the first one), so
  // the job does not wait for that either; a failure here is retried by the job's first query.
  void db.$queryRawUnsafe("SELECT 1").catch(() => {});
  let id: string | undefined;
  const threads = Number(process.env.ROUNDHOUSE_WARM_UP_THREADS ?? 0);
  const mode = warmUpMode(process.env.ROUNDHOUSE_WARM_UP);
  // Turned off, nothing runs and the job's log says nothing of it.
  const warming =
    threads > 0 && mode !== "off"
      ? warmUpWhileWaiting(threads, () => id !== undefined, mode).then(describeWarmUp, (error: Error) => {
          // A warm-up that fails costs the job nothing but its speed.
          return `the warm-up while this process waited failed: ${error.message}`;
        })
      : null;
  for await (const line of readline.createInterface({ input: process.stdin })) {
    id = /^job ([0-9a-f-]{36})$/.exec(line)?.[1];
    if (id) break;
  }
  // stdin closed before a job came: the worker no longer needs this process.
  if (!id) process.exit(0);
  if (warming) childSays.log(await warming);
  return id;
}
const timings: { step: string; startedAt: string; millis: number }[] = [];

async function timed<T>(step: string, fn: () => Promise<T>): Promise<T> {
  const startedAt = new Date();
  const t = performance.now();
  try {
    return await fn();
  } finally {
    timings.push({ step, startedAt: startedAt.toISOString(), millis: Math.round(performance.now() - t) });
  }
}

/** Progress at most every 200 ms (the worker writes the latest once a second); a step change at once. */
function reporter() {
  let last = 0;
  return {
    step(step: string, fraction: number, message: string) {
      last = performance.now();
      childSays.progress({ fraction, step, message });
      childSays.log(`${step}: ${message}`);
    },
    progress(step: string, fraction: number, message: string) {
      if (performance.now() - last < 200) return;
      last = performance.now();
      childSays.progress({ fraction, step, message });
    },
  };
}

async function main() {
  const jobId = await jobToRun();
  const job = await db.trainingJob.findUniqueOrThrow({ where: { id: jobId } });
  const report = reporter();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `roundhouse-job-${jobId}-`));
  if (job.kind === "score") {
    try {
      childSays.scored({ ...(await runScoringJob(db, job, tmp, report, timed)), stepTimings: timings });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return;
  }
  const spec: TrainingSpec = TrainingSpecSchema.parse(job.spec);
  // A GBDT's helper threads start while the data loads, not when the fit begins.
  if (spec.train.algorithm === "gbdt") prepareFitThreads(spec.resources.cpu);
  try {
    report.step("load", 0.02, `attempt ${job.attempts}, ${trainerOf(spec)} on ${spec.data.dataset ?? spec.data.datasetVersionId}`);
    const { data, matrix } = await timed("load", () =>
      loadTrainingMatrix(db, spec, {
        tmpDir: tmp,
        onProgress: (read, total) =>
          report.progress(
            "load",
            0.02 + 0.13 * (read / total),
            `read ${read.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows`,
          ),
      }),
    );
    for (const { column, reason } of data.leftOut)
      childSays.log(`left out column "${column}" (${reason}); list it in data.features to use it`);
    for (const line of leftOutRows(matrix)) childSays.log(line);
    const { train, valid, holdout, task, classes } = await timed("split", async () => splitForTraining(matrix, spec));
    report.step(
      "split",
      0.15,
      `${train.rows.toLocaleString("en-US")} training rows${valid ? `, ${valid.rows.toLocaleString("en-US")} validation` : ""}, ${holdout.rows.toLocaleString("en-US")} holdout; task ${task}`,
    );
    // A job's GBDT fits on the cores it holds (resources.cpu), whatever params.threads says: the log
    // shows the parameters the fit ran with.
    const params = { ...spec.train.params, ...(spec.train.algorithm === "gbdt" ? { threads: spec.resources.cpu } : {}) };
    report.step("fit", 0.16, `training ${trainerOf(spec)} with ${JSON.stringify(params)}`);
    const onIteration = (iteration: number, total: number, message: string) =>
      report.progress("fit", 0.15 + 0.7 * (iteration / total), message);
    const fitted = await timed("fit", async () => {
      const { algorithm } = spec.train;
      if (!algorithm) return fitWithWorkflow(db, spec, { train, valid, holdout, task, classes }, tmp, workflowListener(onIteration));
      const model = trainModel(algorithm, task, train, params, {
        valid,
        numClasses: classes?.length,
        onIteration: (r) => {
          childSays.points([
            ...(r.trainLoss !== undefined ? [{ name: "train_loss", iteration: r.iteration, value: r.trainLoss }] : []),
            ...(r.validLoss !== undefined ? [{ name: "valid_loss", iteration: r.iteration, value: r.validLoss }] : []),
          ]);
          onIteration(
            r.iteration,
            r.total,
            `iteration ${r.iteration}/${r.total}${r.trainLoss !== undefined && Number.isFinite(r.trainLoss) ? `, ${r.lossName} ${r.trainLoss.toFixed(4)}` : ""}`,
          );
        },
        onNote: (message) => childSays.log(message),
      });
      return { model, predictions: null, provenance: null };
    });
    const model: StoredModel = fitted.model;
    const { provenance } = fitted;
    report.step("evaluate", 0.87, "scoring the holdout");
    // A workflow's run is measured on its library's own predictions (the import was checked against them).
    const evaluation = await timed("evaluate", async () =>
      fitted.predictions
        ? evaluatePredictions(task, model.outputs, holdout.label, fitted.predictions)
        : evaluate(nativeModel(model, "evaluation"), holdout),
    );
    report.step("serialize", 0.95, "writing the model file");
    const artifact = await timed("serialize", async () => {
      const text = serializeModel(
        model,
        { name: spec.data.label, classes },
        { datasetVersionId: data.datasetVersionId, rows: train.rows, ...(provenance ? { workflow: provenance.workflow } : {}) },
      );
      return storeArtifact(text, "json");
    });
    const { predictions, ...rest } = evaluation;
    const { metrics, note } = holdoutMetrics(evaluation.metrics, holdout.label, classes ?? null, spec.data.holdout.kind);
    if (note) childSays.log(note);
    if (job.reproducesJobId) await reportReproduction(job.reproducesJobId, artifact.sha256);
    const temporalColumns = new Set(data.schema.filter((c) => isTemporal(c.type)).map((c) => c.name));
    // Dates are left out of drift: every new decision is later than the training rows by nature.
    const profile = trainingProfile(train, predictions, task, classes?.length ?? 0, temporalColumns);
    const booleanColumns = new Set(data.schema.filter((c) => c.type === "boolean").map((c) => c.name));
    // The worker records the run, the model file's row and the model version in the transaction that
    // completes the job: this process only says what it made.
    childSays.outcome({
      run: {
        algorithm: trainerOf(spec),
        task,
        params: spec.train.params,
        workflowVersionId: provenance?.workflowVersionId ?? null,
        rowsTrain: train.rows,
        rowsHoldout: holdout.rows,
        metrics,
        evaluation: {
          ...rest,
          classes: classes ?? null,
          ...(provenance
            ? {
                workflow: {
                  ...provenance.workflow,
                  importDifference: provenance.importDifference,
                  libraryFitSeconds: provenance.libraryFitSeconds,
                },
              }
            : {}),
        },
        // An ONNX graph has no splits or coefficients to rank features by.
        importances: isOnnxModel(model) ? [] : featureImportance(model, train),
      },
      artifact,
      extraArtifacts: provenance ? [{ kind: "library-model", ...provenance.originalModel }] : [],
      // A reproduction is a check of the original, not a new model: nothing goes into the registry.
      modelVersion: job.reproducesJobId
        ? null
        : {
            modelName: spec.metadata.name,
            ownerId: job.ownerId,
            featureSchema: {
              // Dates were learned as epoch milliseconds: serving accepts ISO strings for them. Booleans
              // were learned as 0/1: serving accepts true/false for them, and only for them.
              features: model.features.map((f) => ({
                ...f,
                temporal: temporalColumns.has(f.name) || undefined,
                boolean: booleanColumns.has(f.name) || undefined,
              })),
              label: spec.data.label,
              classes: classes ?? null,
              task,
              algorithm: trainerOf(spec),
            },
            datasetVersionIds: [data.datasetVersionId],
            description: spec.metadata.description,
            trainingProfile: profile,
          },
      stepTimings: timings,
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** A workflow's words, relayed as a built-in fit's are: progress, loss curves, log lines. */
function workflowListener(onIteration: (iteration: number, total: number, message: string) => void) {
  return {
    progress: (fraction: number, message: string) => onIteration(fraction, 1, message),
    points: (points: { name: string; iteration: number; value: number }[]) => childSays.points(points),
    log: (line: string) => childSays.log(line),
  };
}

async function reportReproduction(originalJobId: string, sha256: string) {
  const original = await modelArtifactOfJob(db, originalJobId);
  const same = original?.sha256 === sha256;
  childSays.log(
    same
      ? `reproduced job ${originalJobId}: the model file is byte for byte the same (sha256 ${sha256.slice(0, 12)}…)`
      : `reproduction of job ${originalJobId} differs: model sha256 ${sha256.slice(0, 12)}… against ${original?.sha256.slice(0, 12) ?? "none"}…`,
  );
}

main()
  .then(async () => {
    await db.$disconnect();
    process.exit(0);
  })
  .catch(async (err: Error) => {
    // Classes, not names: the compiled entry (build.ts) renamed Invalid to _Invalid, and a date range
    // that left the holdout empty failed with "_Invalid: …" and a stack trace for a bad spec.
    const told =
      err instanceof JobFailure || err instanceof RoundhouseError || err instanceof InvalidParams || err instanceof WorkflowFailure;
    const message = told ? err.message : `${err.name}: ${err.message}`;
    // A bad spec or bad data is said in the user's terms; a stack is for our bugs. A workflow's own
    // traceback is already in the log: its Node stack would only bury it.
    if (!told) process.stderr.write(`${err.stack ?? message}\n`);
    // Anything else may pass (the object store or the database failed a read): the attempt is
    // retried, as a crashed one is, instead of failing the job for good at once.
    childSays.failure(message, !told);
    await db.$disconnect().catch(() => {});
    process.exit(1);
  });
