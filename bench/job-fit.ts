// One GBDT fit as a training job makes it: in a process of its own, the process's first fit,
// after the warm-up its training child runs while it waits for the job (`warm`) or without (`cold`).
// Usage: node --import tsx bench/job-fit.ts <writeArrays folder> <threads> <warm|cold> [binary|regression|multiclass];
// prints a Fit as JSON (its `auc`: AUC, RMSE or accuracy by task).
import fs from "node:fs";
import path from "node:path";
import { type Dataset, evaluate, type FeatureInfo, prepareFitThreads, trainModel, warmUpSteps } from "@roundhouse/ml";
import { gbdtParams } from "./ml-compare.ts";

const [folder = "", threadsText = "1", mode = "cold", taskText = "binary"] = process.argv.slice(2);
const threads = Number(threadsText);
const task = taskText as "binary" | "regression" | "multiclass";
const meta = JSON.parse(fs.readFileSync(path.join(folder, "meta.json"), "utf8")) as {
  features: number;
  categorical: number[];
  classes: number;
};

/** A writeArrays part back as a Dataset: row-major float32 features, float64 labels. */
function read(part: "train" | "test"): Dataset {
  // A small file's Buffer may sit in Node's shared pool: its own bytes are copied out, at its offset.
  const bytes = (file: string) => {
    const b = fs.readFileSync(path.join(folder, file));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  };
  const X = new Float32Array(bytes(`${part}.X.f32`));
  const label = new Float64Array(bytes(`${part}.y.f64`));
  const F = meta.features;
  const rows = label.length;
  const columns = Array.from({ length: F }, (_, f) => {
    const c = new Float32Array(rows);
    for (let i = 0; i < rows; i++) c[i] = X[i * F + f] as number;
    return c;
  });
  const features: FeatureInfo[] = columns.map((c, f) =>
    meta.categorical.includes(f)
      ? {
          name: `f${f}`,
          kind: "categorical",
          categories: Array.from({ length: c.reduce((m, v) => (Number.isNaN(v) ? m : Math.max(m, v)), 0) + 1 }, (_, k) => `c${k}`),
        }
      : { name: `f${f}`, kind: "numeric" },
  );
  return { rows, features, columns, label };
}

const train = read("train");
const test = read("test");
prepareFitThreads(threads);
if (mode === "warm") for (const step of warmUpSteps(threads)) step.run();
const t = performance.now();
const cpu = process.cpuUsage();
const model = trainModel("gbdt", task, train, { ...gbdtParams, threads }, { numClasses: meta.classes });
const used = process.cpuUsage(cpu);
const fitSeconds = (performance.now() - t) / 1000;
const metrics = evaluate(model, test).metrics as Record<string, number>;
const auc = metrics[task === "binary" ? "auc" : task === "regression" ? "rmse" : "accuracy"] as number;
console.log(JSON.stringify({ fitSeconds, cpuSeconds: (used.user + used.system) / 1e6, auc }));
process.exit(0);
