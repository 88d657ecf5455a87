// Which way is better for each metric the worker records, so tables can mark the best run.
const LOWER_IS_BETTER = new Set(["logloss", "rmse", "mae", "mape"]);

// The order a reader scans metrics in: the headline first, then the threshold-dependent ones.
const ORDER = ["auc", "aucMacro", "prAuc", "logloss", "accuracy", "f1", "f1Macro", "precision", "recall", "rmse", "mae", "r2", "mape"];

export function sortMetrics(names: string[]): string[] {
  const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export const betterIsLower = (metric: string) => LOWER_IS_BETTER.has(metric);

export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  if (Math.abs(value) >= 1e6) return value.toExponential(3);
  return Math.abs(value) >= 1000 ? value.toLocaleString("en-US", { maximumFractionDigits: 1 }) : value.toFixed(4);
}
