// Which way is better for each metric the worker records, so tables can mark the best run.
const LOWER_IS_BETTER = new Set(["logloss", "rmse", "mae", "mape"]);

export const betterIsLower = (metric: string) => LOWER_IS_BETTER.has(metric);

export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return Math.abs(value) >= 1000 ? value.toLocaleString("en-US", { maximumFractionDigits: 1 }) : value.toFixed(4);
}
