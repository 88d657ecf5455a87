// What every part of `pnpm bench:ml` shares: the arrays handed to the reference script, the
// reference fits (XGBoost, scikit-learn: bench/reference.py) and ours, and the printed comparison row.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type Dataset, evaluate, type Model, trainModel } from "@roundhouse/ml";

export const gbdtParams = { numTrees: 200, maxDepth: 6, learningRate: 0.1, maxBins: 255 };

const python = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
export const hasReference = (() => {
  try {
    execFileSync(python, ["-c", "import xgboost, sklearn"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
export function writeArrays(dir: string, name: string, train: Dataset, test: Dataset, classes = 2) {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder, { recursive: true });
  for (const [file, d] of [
    ["train", train],
    ["test", test],
  ] as const) {
    const F = d.columns.length;
    const X = new Float32Array(d.rows * F);
    for (let i = 0; i < d.rows; i++) for (let f = 0; f < F; f++) X[i * F + f] = d.columns[f]?.[i] as number;
    fs.writeFileSync(path.join(folder, `${file}.X.f32`), Buffer.from(X.buffer));
    fs.writeFileSync(path.join(folder, `${file}.y.f64`), Buffer.from(d.label.buffer, d.label.byteOffset, d.label.byteLength));
  }
  const categorical = train.features.flatMap((f, i) => (f.kind === "categorical" ? [i] : []));
  fs.writeFileSync(path.join(folder, "meta.json"), JSON.stringify({ features: train.features.length, categorical, classes }));
  return folder;
}

export interface Fit {
  fitSeconds: number;
  /** The reference script's run, imports included, up to the fitted model (XGBoost only). */
  processSeconds?: number;
  /** Process CPU time of the fit (all threads). */
  cpuSeconds: number;
  /** AUC for binary fits; RMSE (regression) or accuracy (multiclass) as `metric` names it. */
  auc: number;
}

export function reference(folder: string, what: string, threads: number): Fit | null {
  if (!hasReference) return null;
  // Unset only for this command: current numpy/XGBoost are slowed by these OpenBLAS settings.
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return JSON.parse(
    execFileSync(python, [path.join(import.meta.dirname, "reference.py"), folder, what, String(threads)], { env, encoding: "utf8" }),
  );
}

export function ours(
  algorithm: Model["algorithm"],
  train: Dataset,
  test: Dataset,
  params: Record<string, unknown>,
  task: "binary" | "regression" | "multiclass" = "binary",
  numClasses = 2,
  valid?: Dataset,
) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const model = trainModel(algorithm, task, train, params, valid ? { numClasses, valid } : { numClasses });
  const used = process.cpuUsage(cpu);
  const fitSeconds = (performance.now() - t) / 1000;
  const metrics = evaluate(model, test).metrics as Record<string, number>;
  const auc = (task === "binary" ? metrics.auc : task === "regression" ? metrics.rmse : metrics.accuracy) as number;
  return { model, fitSeconds, cpuSeconds: (used.user + used.system) / 1e6, auc };
}

/** A GBDT fit (gbdtParams) on a writeArrays folder as a training job makes it: bench/job-fit.ts in a process of its own. */
export function jobFit(
  folder: string,
  threads: number,
  mode: "warm" | "cold",
  task: "binary" | "regression" | "multiclass" = "binary",
): Fit {
  const script = path.join(import.meta.dirname, "job-fit.ts");
  const out = execFileSync(process.execPath, ["--import", "tsx", script, folder, String(threads), mode, task], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1) as string) as Fit;
}

export const s = (x: number) => `${x.toFixed(2)} s`;
export function row(what: string, mine: Fit, ref: Fit | null, refName: string, target: string, metric = "auc") {
  const ratio = (a: number, b: number) => (ref ? `${(a / b).toFixed(2)}×` : "–");
  const dAuc = ref ? (mine.auc - ref.auc >= 0 ? "+" : "") + (mine.auc - ref.auc).toFixed(4) : "–";
  const theirs = ref ? `${s(ref.fitSeconds).padStart(8)} cpu ${s(ref.cpuSeconds).padStart(8)} ${metric} ${ref.auc.toFixed(4)}` : "–";
  console.log(
    `${what.padEnd(30)} ours ${s(mine.fitSeconds).padStart(8)} cpu ${s(mine.cpuSeconds).padStart(8)} ${metric} ${mine.auc.toFixed(4)} | ${refName.padEnd(16)} ${theirs} | time ${ratio(mine.fitSeconds, ref?.fitSeconds ?? 1).padStart(6)} cpu ${ratio(mine.cpuSeconds, ref?.cpuSeconds ?? 1).padStart(6)} ${metric} ${dAuc.padStart(7)} | target ${target}`,
  );
}

/** Logistic regression (binary, or multinomial over `classes`) against scikit-learn's lbfgs on the same arrays. */
export function logisticRow(folder: string, train: Dataset, test: Dataset, classes = 2) {
  const multiclass = classes > 2;
  row(
    multiclass ? "logistic regression, multinomial" : "logistic regression (L2, lbfgs)",
    ours("logistic_regression", train, test, {}, multiclass ? "multiclass" : "binary", classes),
    reference(folder, multiclass ? "logistic-multiclass" : "logistic", 1),
    "sklearn lbfgs",
    multiclass ? "≤ 1.2×, accuracy ≥ −0.002" : "≤ 1.2×, auc ≥ −0.001",
    multiclass ? "accuracy" : "auc",
  );
}

/** Linear (ridge) regression against scikit-learn's Ridge on the same arrays. */
export function linearRow(folder: string, train: Dataset, test: Dataset) {
  const mine = ours("linear_regression", train, test, {}, "regression");
  row("linear regression (ridge)", mine, reference(folder, "ridge", 1), "sklearn Ridge", "≤ 1.2×, rmse ≤ +1%", "rmse");
}
