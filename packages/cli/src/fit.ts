// `roundhouse fit`: train and evaluate a model on local files, print the figures, save the model.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { leftOutRows, matrixPart, taskOf } from "@roundhouse/data";
import {
  type Algorithm,
  type Dataset,
  evaluate,
  InvalidParams,
  measurePredictLatency,
  prepareFitThreads,
  serializeModel,
  type Task,
  trainModel,
} from "@roundhouse/ml";
import { loadForFit } from "./local-data.ts";

export interface FitOptions {
  train: string;
  test?: string;
  holdout: number;
  seed: number;
  label: string;
  features?: string[];
  exclude?: string[];
  task?: Task;
  algorithm: Algorithm;
  params: Record<string, unknown>;
  threads?: number;
  out?: string;
  json: boolean;
}

export async function fit(o: FitOptions) {
  const log = (line: string) => {
    if (!o.json) process.stderr.write(`${line}\n`);
  };
  // Helper threads start while the data is read, not when the fit begins.
  if (o.algorithm === "gbdt" && o.threads) prepareFitThreads(o.threads);
  log(`reading ${o.train}${o.test ? ` and ${o.test}` : ""}…`);
  const labelKind = o.task ? (o.task === "regression" ? "numeric" : "categorical") : undefined;
  const { matrix, warnings } = await loadForFit({ ...o, labelKind });
  for (const warning of warnings) log(`warning: ${warning}`);
  const classes = matrix.label.classes;
  const task: Task = taskOf(matrix, o.task);
  if (task === "binary" && (classes?.length ?? 0) !== 2)
    throw new InvalidParams([
      { path: "label", message: `a binary label needs exactly 2 classes; "${o.label}" has ${classes?.length ?? 0}` },
    ]);
  const train: Dataset = matrixPart(matrix, matrix.train);
  const test: Dataset = matrixPart(matrix, matrix.holdout);
  for (const line of leftOutRows(matrix)) log(line);
  log(
    `${task} on ${train.rows.toLocaleString("en-US")} training rows, ${test.rows.toLocaleString("en-US")} test rows, ${train.features.length} features; fitting ${o.algorithm}…`,
  );

  const params = { ...o.params, ...(o.algorithm === "gbdt" && o.threads ? { threads: o.threads } : {}) };
  const started = performance.now();
  let lastLoss: number | undefined;
  // What the fit has to say (a fit on several threads that grew trees on one, and why).
  const notes: string[] = [];
  const model = trainModel(o.algorithm, task, train, params, {
    numClasses: classes?.length,
    onNote: (note) => notes.push(note),
    onIteration: (r) => {
      // Boosting reports its train loss every few iterations: the bar keeps showing the last one.
      if (r.trainLoss !== undefined) lastLoss = r.trainLoss;
      if (!o.json && process.stderr.isTTY)
        process.stderr.write(
          `\r  ${progressBar(r.iteration / r.total)} ${r.iteration}/${r.total}${lastLoss !== undefined && Number.isFinite(lastLoss) ? `  ${r.lossName} ${lastLoss.toFixed(4)}` : ""}   `,
        );
    },
  });
  const fitSeconds = (performance.now() - started) / 1000;
  if (!o.json && process.stderr.isTTY) process.stderr.write("\n");
  for (const note of notes) log(`note: ${note}`);

  const { metrics } = evaluate(model, test);
  const text = serializeModel(model, { name: o.label, classes }, { rows: train.rows, seed: o.seed, source: o.train });
  if (o.out) fs.writeFileSync(o.out, text);
  const report = {
    task,
    algorithm: o.algorithm,
    label: { name: o.label, ...(classes ? { classes, positiveClass: task === "binary" ? classes[1] : undefined } : {}) },
    rows: { train: train.rows, test: test.rows },
    features: train.features.map((f) => `${f.name}:${f.kind}`),
    fitSeconds: round(fitSeconds, 3),
    notes,
    // What reading the file noticed, and the columns left out on their own.
    warnings,
    metrics: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, round(v as number, 6)])),
    predict: measurePredictLatency(model, test),
    modelSha256: createHash("sha256").update(text).digest("hex"),
    ...(o.out ? { modelFile: o.out } : {}),
  };
  if (o.json) console.log(JSON.stringify(report));
  else printReport(report);
  return report;
}

function printReport(r: ReturnType<typeof Object> & Record<string, unknown>) {
  const m = r.metrics as Record<string, number>;
  console.log(`\n${r.algorithm} · ${r.task} · fit in ${r.fitSeconds} s`);
  console.log(
    Object.entries(m)
      .map(([k, v]) => `  ${k.padEnd(15)} ${v}`)
      .join("\n"),
  );
  const p = r.predict as { rowMicros: number; batch1000Millis: number };
  console.log(`  predict: ${p.rowMicros} µs per row (median), ${p.batch1000Millis} ms per 1,000 rows`);
  console.log(`  model sha256 ${r.modelSha256}${r.modelFile ? `, written to ${r.modelFile}` : ""}`);
}

const round = (v: number, digits: number) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);
const progressBar = (f: number, width = 24) => `[${"#".repeat(Math.round(f * width)).padEnd(width, " ")}]`;
