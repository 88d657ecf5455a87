// A holdout can leave a metric undefined: ROC AUC when every holdout row is of one class (a small
// holdout of a rare class, a month without fraud), R² when the label never changes. Such a metric is
// NaN, which JSON carries as null; the run's report was refused for it and the job retried until it
// failed with "ended without reporting a result". The run keeps the metrics that are defined, and
// its log says which are not and why.
import { definedMetrics, metricLabel } from "@roundhouse/contracts";

export interface HoldoutMetrics {
  metrics: Record<string, number>;
  /** A line for the job's log when some metric is not defined, else null. */
  note: string | null;
}

/** `metrics` without those the holdout leaves undefined; `label` the holdout's label (class indices for a classifier). */
export function holdoutMetrics(
  metrics: object,
  label: Float64Array,
  classes: string[] | null,
  holdout: "random" | "dateRange",
): HoldoutMetrics {
  const defined = definedMetrics(metrics);
  const missing = Object.keys(metrics).filter((name) => !(name in defined));
  if (missing.length === 0) return { metrics: defined, note: null };
  const seen = [...new Set(label)].sort((a, b) => a - b);
  const values = seen.map((v) => `"${classes ? (classes[v] ?? v) : v}"`);
  const rows = `its ${label.length.toLocaleString("en-US")} row(s)`;
  const why =
    seen.length === 1
      ? `${rows} all have the label ${values[0]}`
      : classes && seen.length < classes.length
        ? `${rows} have only the label(s) ${values.join(", ")} of ${classes.length}`
        : `${rows} do not allow it`;
  return {
    metrics: defined,
    note:
      `${missing.map(metricLabel).join(" and ")} ${missing.length === 1 ? "is" : "are"} not defined on this holdout: ${why}. ` +
      (holdout === "random" ? 'A larger holdout, or "stratify": true in data.holdout,' : "A holdout range with more rows") +
      " measures them; the run has the other metrics.",
  };
}
