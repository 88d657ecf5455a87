import { inReadingOrder, lowerIsBetter, type RunDetail } from "@roundhouse/contracts";

export interface CompareRow {
  group: "metric" | "param" | "data";
  name: string;
  values: (number | string | null)[];
  /** Index of the best run for metrics (ties: all of them), empty otherwise. */
  best: number[];
  differs: boolean;
}

/** The metrics-and-params table: one row per metric, parameter and data fact across the runs. */
export function compareRows(runs: RunDetail[]): CompareRow[] {
  const metricNames = inReadingOrder([...new Set(runs.flatMap((r) => Object.keys(r.metrics ?? {})))]);
  const paramNames = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const row = (group: CompareRow["group"], name: string, values: (number | string | null)[]): CompareRow => {
    const differs = new Set(values.map((v) => JSON.stringify(v))).size > 1;
    let best: number[] = [];
    if (group === "metric") {
      const numbers = values.filter((v): v is number => typeof v === "number" && !Number.isNaN(v));
      if (numbers.length > 1 && differs) {
        const target = lowerIsBetter(name) ? Math.min(...numbers) : Math.max(...numbers);
        best = values.flatMap((v, i) => (v === target ? [i] : []));
      }
    }
    return { group, name, values, best, differs };
  };
  return [
    ...metricNames.map((m) =>
      row(
        "metric",
        m,
        runs.map((r) => r.metrics?.[m] ?? null),
      ),
    ),
    row(
      "data",
      "algorithm",
      runs.map((r) => r.algorithm),
    ),
    ...paramNames.map((p) =>
      row(
        "param",
        p,
        runs.map((r) => toCell(r.params[p])),
      ),
    ),
    row(
      "data",
      "train rows",
      runs.map((r) => r.rowsTrain),
    ),
    row(
      "data",
      "holdout rows",
      runs.map((r) => r.rowsHoldout),
    ),
  ];
}

function toCell(v: unknown): number | string | null {
  if (v === undefined || v === null) return null;
  return typeof v === "number" ? v : String(v);
}

/**
 * Numeric axes for charts: the metrics, and the numeric parameters that take two or more values
 * among the runs that have them (a seed every GBDT run shares is no axis, even beside a logistic
 * regression that has no seed).
 */
export function numericFields(runs: RunDetail[]): { metrics: string[]; params: string[] } {
  const numeric = compareRows(runs).filter((r) => r.values.some((v) => typeof v === "number"));
  const varies = (values: CompareRow["values"]) => new Set(values.filter((v) => v !== null)).size > 1;
  return {
    metrics: numeric.filter((r) => r.group === "metric").map((r) => r.name),
    params: numeric.filter((r) => r.group === "param" && varies(r.values)).map((r) => r.name),
  };
}

export function numberIn(run: RunDetail, field: string): number | null {
  const v = run.metrics?.[field] ?? run.params[field];
  return typeof v === "number" ? v : null;
}
