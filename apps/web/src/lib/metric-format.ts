// How metric values read on every page (their names, directions and order are the catalogue's in
// @roundhouse/contracts).
import { HEADLINE_METRIC } from "@roundhouse/contracts";

/** The metric a reader looks at first for the task (its headline), from whichever a run recorded. */
export function keyMetric(metrics: Record<string, number> | null | undefined): { name: string; value: number } | null {
  if (!metrics) return null;
  const name = Object.values(HEADLINE_METRIC).find((m) => m in metrics);
  return name ? { name, value: Number(metrics[name]) } : null;
}

export { formatMetric } from "@roundhouse/contracts";

export const formatDelta = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v).toFixed(4)}`;
