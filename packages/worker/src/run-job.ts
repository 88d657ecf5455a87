// One training job, in a child process of the worker (its memory limit and timeout are enforced
// from outside): load the data, split, fit, evaluate, serialize, and record the run, its metrics
// and the model artifact. Exits 0 when the job succeeded; otherwise prints the reason last.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type TrainingSpec, TrainingSpecSchema } from "@roundhouse/contracts";
import { isTemporal, loadTrainingMatrix } from "@roundhouse/data";
import { createDb, finishJob, modelArtifactOfJob, type Prisma, recordModelVersion } from "@roundhouse/db";
import { evaluate, featureImportance, serializeModel, trainModel } from "@roundhouse/ml";
import { folderArtifactStore } from "./artifact-store.ts";
import { ProgressReporter } from "./progress-reporter.ts";
import { JobFailure, splitForTraining } from "./training-split.ts";

// A job whose worker died (kill -9, lost machine) must not keep training: its lease will expire and
// another attempt will run it. A re-parented process exits.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(70);
}, 1000).unref();

const jobId = process.env.ROUNDHOUSE_JOB_ID as string;
const workerId = process.env.ROUNDHOUSE_WORKER_ID as string;
const db = createDb(process.env.DATABASE_URL as string, 2);
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

async function main() {
  const job = await db.trainingJob.findUniqueOrThrow({ where: { id: jobId } });
  const spec: TrainingSpec = TrainingSpecSchema.parse(job.spec);
  const report = new ProgressReporter(db, jobId);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `roundhouse-job-${jobId}-`));
  try {
    report.step("load", 0.02, `attempt ${job.attempts}, ${spec.train.algorithm} on ${spec.data.dataset ?? spec.data.datasetVersionId}`);
    const { data, matrix } = await timed("load", () =>
      loadTrainingMatrix(db, spec, {
        tmpDir: tmp,
        onProgress: (read, total) =>
          report.setProgress(
            0.02 + 0.13 * (read / total),
            "load",
            `read ${read.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows`,
          ),
      }),
    );
    for (const { column, reason } of data.leftOut)
      report.log(`left out column "${column}" (${reason}); list it in data.features to use it`);
    const { train, valid, holdout, task, classes } = await timed("split", async () => splitForTraining(matrix, spec));
    report.step(
      "split",
      0.15,
      `${train.rows.toLocaleString("en-US")} training rows${valid ? `, ${valid.rows.toLocaleString("en-US")} validation` : ""}, ${holdout.rows.toLocaleString("en-US")} holdout; task ${task}`,
    );

    const run = await db.run.create({
      data: {
        jobId,
        algorithm: spec.train.algorithm,
        task,
        params: spec.train.params as Prisma.InputJsonValue,
        rowsTrain: train.rows,
        rowsHoldout: holdout.rows,
      },
    });
    report.setRun(run.id);
    report.step("fit", 0.16, `training ${spec.train.algorithm} with ${JSON.stringify(spec.train.params)}`);
    const model = await timed("fit", async () =>
      trainModel(
        spec.train.algorithm,
        task,
        train,
        { ...spec.train.params, ...(spec.train.algorithm === "gbdt" ? { threads: spec.resources.cpu } : {}) },
        {
          valid,
          numClasses: classes?.length,
          onIteration: (r) => {
            report.metric("train_loss", r.iteration, r.trainLoss);
            if (r.validLoss !== undefined) report.metric("valid_loss", r.iteration, r.validLoss);
            report.setProgress(
              0.15 + 0.7 * (r.iteration / r.total),
              "fit",
              `iteration ${r.iteration}/${r.total}${Number.isFinite(r.trainLoss) ? `, ${r.lossName} ${r.trainLoss.toFixed(4)}` : ""}`,
            );
          },
        },
      ),
    );
    report.step("evaluate", 0.87, "scoring the holdout");
    const evaluation = await timed("evaluate", async () => evaluate(model, holdout));
    report.step("serialize", 0.95, "writing the model file");
    const artifact = await timed("serialize", async () => {
      const text = serializeModel(model, { name: spec.data.label, classes }, { datasetVersionId: data.datasetVersionId, rows: train.rows });
      return folderArtifactStore().put(`${jobId}/${run.id}/model.json`, text);
    });
    const { predictions: _p, metrics, ...rest } = evaluation;
    if (job.reproducesJobId) await reportReproduction(report, job.reproducesJobId, artifact.sha256);
    await report.close();
    const done = await db.$transaction(async (tx) => {
      await tx.run.update({
        where: { id: run.id },
        data: {
          metrics: metrics as Prisma.InputJsonValue,
          evaluation: { ...rest, classes: classes ?? null } as Prisma.InputJsonValue,
          importances: featureImportance(model, train) as Prisma.InputJsonValue,
          finishedAt: new Date(),
        },
      });
      const stored = await tx.artifact.create({
        data: { runId: run.id, kind: "model", path: artifact.path, byteSize: BigInt(artifact.byteSize), sha256: artifact.sha256 },
      });
      const temporalColumns = new Set(data.schema.filter((c) => isTemporal(c.type)).map((c) => c.name));
      const booleanColumns = new Set(data.schema.filter((c) => c.type === "boolean").map((c) => c.name));
      // A reproduction is a check of the original, not a new model: nothing goes into the registry.
      const version = job.reproducesJobId
        ? null
        : await recordModelVersion(tx, {
            modelName: spec.metadata.name,
            ownerId: job.ownerId,
            runId: run.id,
            artifactId: stored.id,
            artifactSha256: artifact.sha256,
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
              algorithm: spec.train.algorithm,
            },
            metrics,
            datasetVersionIds: [data.datasetVersionId],
            description: spec.metadata.description,
          });
      if (version)
        report.log(`registered ${spec.metadata.name} version ${version.version} (model sha256 ${artifact.sha256.slice(0, 12)}…)`);
      return finishJob(tx, jobId, workerId, "succeeded", {
        stepTimings: timings,
        progress: { fraction: 1, step: "done", message: "succeeded" },
      });
    });
    if (!done) throw new JobFailure("The worker lost this job's lease before it finished; another attempt may run it.");
    process.stdout.write(`succeeded: ${JSON.stringify(metrics)}\n`);
  } finally {
    await report.close().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function reportReproduction(report: ProgressReporter, originalJobId: string, sha256: string) {
  const original = await modelArtifactOfJob(db, originalJobId);
  const same = original?.sha256 === sha256;
  report.log(
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
    const message =
      err instanceof JobFailure || err.name === "Invalid" || err.name === "InvalidParams" ? err.message : `${err.name}: ${err.message}`;
    process.stderr.write(`${err.stack ?? message}\n`);
    process.stdout.write(`ROUNDHOUSE_FAILURE ${JSON.stringify({ message, timings })}\n`);
    await db.$disconnect().catch(() => {});
    process.exit(1);
  });
