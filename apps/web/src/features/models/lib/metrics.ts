// Which metric stands for a model's quality, and which way is better: the registry's tables,
// trend chart and deltas read the same choice.
const HEADLINE: Record<string, string> = { binary: "auc", multiclass: "accuracy", regression: "rmse" };
const LOWER_IS_BETTER = new Set(["rmse", "mae", "logloss", "mse"]);

export const headlineMetric = (task: string | null) => HEADLINE[task ?? ""] ?? "auc";
export const lowerIsBetter = (metric: string) => LOWER_IS_BETTER.has(metric);

/** +1 when the change is an improvement, -1 when worse, 0 when equal. */
export function deltaSign(metric: string, delta: number): number {
  if (Math.abs(delta) < 1e-12) return 0;
  return delta > 0 !== lowerIsBetter(metric) ? 1 : -1;
}

export const formatMetric = (v: number | undefined | null) =>
  v === undefined || v === null ? "—" : Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4);
export const formatDelta = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v).toFixed(4)}`;

// jsonb keeps keys in its own order (shortest first); tables read better with the headline first.
const ORDER = ["auc", "prAuc", "logloss", "accuracy", "precision", "recall", "f1", "rmse", "mae", "r2"];
export const inReadingOrder = (names: string[]) =>
  [...names].sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
