// Is one model's lead on a metric larger than the noise of the holdout? Both models' predictions
// on the same rows are resampled together (rows drawn with replacement, the same draw for both),
// and the metric's difference is computed on each resample: the 2.5th and 97.5th percentiles of
// those differences bound the lead. If the interval excludes zero, the lead is larger than noise.
import { rng, type Task } from "../dataset.ts";
import { averagePrecision, confusionAt, logLoss, rocAuc, thresholdMetrics } from "./binary.ts";
import { multiclassMetrics } from "./multiclass.ts";
import { regressionMetrics } from "./regression.ts";

/** One metric of the catalogue on labels and predictions (probs are row-major K per row for multiclass). */
export function metricOn(task: Task, name: string, y: ArrayLike<number>, p: Float64Array, classes = 2): number {
  if (task === "regression") return (regressionMetrics(y, p) as Record<string, number>)[name] ?? Number.NaN;
  if (task === "multiclass") return (multiclassMetrics(y, p, classes) as unknown as Record<string, number>)[name] ?? Number.NaN;
  if (name === "auc") return rocAuc(y, p);
  if (name === "prAuc") return averagePrecision(y, p);
  if (name === "logloss") return logLoss(y, p);
  return (thresholdMetrics(confusionAt(y, p, 0.5)) as Record<string, number>)[name] ?? Number.NaN;
}

export interface PairedBootstrap {
  /** metric(a) − metric(b) on the rows as they are. */
  difference: number;
  /** 95% interval of the difference over the resamples. */
  low: number;
  high: number;
  resamples: number;
  rows: number;
}

export function pairedBootstrap(input: {
  task: Task;
  metric: string;
  y: ArrayLike<number>;
  a: Float64Array;
  b: Float64Array;
  classes?: number;
  resamples?: number;
  seed?: number;
}): PairedBootstrap {
  const { task, metric, y, a, b } = input;
  const classes = input.classes ?? 2;
  const width = task === "multiclass" ? classes : 1;
  const n = y.length;
  const resamples = input.resamples ?? 200;
  const random = rng(input.seed ?? 7);
  const ys = new Float64Array(n);
  const as = new Float64Array(n * width);
  const bs = new Float64Array(n * width);
  const differences: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random() * n);
      ys[i] = y[j] as number;
      for (let k = 0; k < width; k++) {
        as[i * width + k] = a[j * width + k] as number;
        bs[i * width + k] = b[j * width + k] as number;
      }
    }
    const d = metricOn(task, metric, ys, as, classes) - metricOn(task, metric, ys, bs, classes);
    if (Number.isFinite(d)) differences.push(d);
  }
  differences.sort((x, z) => x - z);
  const at = (q: number) => differences[Math.min(differences.length - 1, Math.max(0, Math.floor(q * differences.length)))] ?? Number.NaN;
  return {
    difference: metricOn(task, metric, y, a, classes) - metricOn(task, metric, y, b, classes),
    low: at(0.025),
    high: at(0.975),
    resamples: differences.length,
    rows: n,
  };
}
