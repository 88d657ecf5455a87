// The metric catalogue: every holdout metric the engine records, its label, which way is better,
// and the headline metric of each task. The compare page, promotion deltas, sweep objectives, job
// lists and the registry all read it, so they cannot disagree (they did: MAPE was "lower is
// better" on one page and "higher" on another).
export type MetricDirection = "higher" | "lower";

export interface MetricInfo {
  label: string;
  better: MetricDirection;
  /** Which tasks record it. */
  tasks: readonly ("binary" | "multiclass" | "regression")[];
  description: string;
}

const BINARY = ["binary"] as const;
const MULTICLASS = ["multiclass"] as const;
const CLASSIFICATION = ["binary", "multiclass"] as const;
const REGRESSION = ["regression"] as const;

/** In reading order: a task's headline first, then the others as a reader scans them. */
export const METRICS: Record<string, MetricInfo> = {
  auc: { label: "ROC AUC", better: "higher", tasks: BINARY, description: "How well scores rank positives above negatives (0.5 = chance)" },
  aucMacro: { label: "ROC AUC (macro)", better: "higher", tasks: MULTICLASS, description: "One-vs-rest ROC AUC averaged over classes" },
  prAuc: { label: "PR AUC", better: "higher", tasks: BINARY, description: "Average precision: ranking quality where positives are rare" },
  logloss: { label: "Log loss", better: "lower", tasks: CLASSIFICATION, description: "How confident and right the probabilities are" },
  accuracy: { label: "Accuracy", better: "higher", tasks: CLASSIFICATION, description: "Share of rows predicted right" },
  f1: { label: "F1", better: "higher", tasks: BINARY, description: "Harmonic mean of precision and recall at the 0.5 threshold" },
  f1Macro: { label: "F1 (macro)", better: "higher", tasks: MULTICLASS, description: "F1 averaged over classes" },
  precision: { label: "Precision", better: "higher", tasks: BINARY, description: "Of the rows predicted positive, the share that are" },
  precisionMacro: { label: "Precision (macro)", better: "higher", tasks: MULTICLASS, description: "Precision averaged over classes" },
  recall: { label: "Recall", better: "higher", tasks: BINARY, description: "Of the positive rows, the share predicted positive" },
  recallMacro: { label: "Recall (macro)", better: "higher", tasks: MULTICLASS, description: "Recall averaged over classes" },
  rmse: { label: "RMSE", better: "lower", tasks: REGRESSION, description: "Root mean squared error, in the label's unit" },
  mae: { label: "MAE", better: "lower", tasks: REGRESSION, description: "Mean absolute error, in the label's unit" },
  r2: { label: "R²", better: "higher", tasks: REGRESSION, description: "Share of the label's variance explained (1 = perfect)" },
  mape: {
    label: "MAPE",
    better: "lower",
    tasks: REGRESSION,
    description: "Mean absolute percentage error (rows with a zero label left out)",
  },
};

export const HEADLINE_METRIC = { binary: "auc", multiclass: "accuracy", regression: "rmse" } as const;

/** The task's headline metric (ROC AUC for an unknown task, as for binary). */
export const headlineMetric = (task: string | null | undefined): string =>
  HEADLINE_METRIC[(task ?? "") as keyof typeof HEADLINE_METRIC] ?? HEADLINE_METRIC.binary;

export const metricLabel = (name: string): string => METRICS[name]?.label ?? name;

/** Lower is better for losses and errors; an unknown metric is taken as higher-is-better. */
export const lowerIsBetter = (name: string): boolean => METRICS[name]?.better === "lower";

/** The metrics a task records, headline first. */
export function metricsOfTask(task: string): string[] {
  const headline = headlineMetric(task);
  return [headline, ...Object.keys(METRICS).filter((m) => m !== headline && METRICS[m]?.tasks.includes(task as never))];
}

/** Names in reading order: catalogued ones as listed (a task's headline first), then the rest by name. */
export function inReadingOrder(names: string[]): string[] {
  const order = Object.keys(METRICS);
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** +1 when going from `before` to `after` is an improvement, -1 when worse, 0 when equal. */
export function improvement(name: string, before: number, after: number): number {
  const delta = after - before;
  if (Math.abs(delta) < 1e-12) return 0;
  return delta > 0 !== lowerIsBetter(name) ? 1 : -1;
}

/**
 * The metrics a holdout defines: ROC AUC is NaN on a holdout of one class, R² on a constant label,
 * and JSON would carry NaN as null, which no metrics record accepts.
 */
export function definedMetrics(metrics: object): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => typeof v === "number" && Number.isFinite(v)));
}

/** How a metric value reads everywhere (pages, justifications of automatic promotion requests). */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  if (Math.abs(value) >= 1e6) return value.toExponential(3);
  return Math.abs(value) >= 1000 ? value.toLocaleString("en-US", { maximumFractionDigits: 1 }) : value.toFixed(4);
}
