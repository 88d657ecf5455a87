import { headlineMetric, lowerIsBetter, type RunDetail } from "@roundhouse/contracts";

/** How a run is called on the compare page: its model version if it registered one, else its job. */
export function runLabel(r: Pick<RunDetail, "id" | "jobName" | "modelVersion">): string {
  return r.modelVersion ? `${r.modelVersion.name} v${r.modelVersion.version}` : `${r.jobName} · ${r.id.slice(0, 4)}`;
}

/** The metric a page opens on: the one asked for if some run has it, else the task's headline. */
export function primaryMetric(runs: RunDetail[], asked: string | undefined, available: string[]): string {
  if (asked && available.includes(asked)) return asked;
  const headline = headlineMetric(runs[0]?.task ?? "binary");
  return available.includes(headline) ? headline : (available[0] ?? "");
}

export interface Verdict {
  metric: string;
  /** Index of the best run on the metric, and of the next best (null when only one run has it). */
  winner: number;
  runnerUp: number | null;
  /** winner − runner-up, signed so that positive is better. */
  margin: number | null;
  /** The margin as a share of the runner-up's value. */
  relative: number | null;
  /** Runs tied with the winner (same value). */
  tied: number[];
  /** Runs without the metric (another task, or a failed evaluation). */
  missing: number[];
}

export function verdictOn(runs: RunDetail[], metric: string): Verdict | null {
  const lower = lowerIsBetter(metric);
  const scored = runs
    .map((r, i) => ({ i, v: r.metrics?.[metric] }))
    .filter((s): s is { i: number; v: number } => typeof s.v === "number" && Number.isFinite(s.v))
    .sort((a, b) => (lower ? a.v - b.v : b.v - a.v));
  const best = scored[0];
  if (!best) return null;
  const tied = scored.filter((s) => s.v === best.v && s.i !== best.i).map((s) => s.i);
  const next = scored.find((s) => s.v !== best.v) ?? null;
  const margin = next ? (lower ? next.v - best.v : best.v - next.v) : null;
  return {
    metric,
    winner: best.i,
    runnerUp: next?.i ?? null,
    margin,
    relative: next && margin !== null && next.v !== 0 ? margin / Math.abs(next.v) : null,
    tied,
    missing: runs.flatMap((_, i) => (scored.some((s) => s.i === i) ? [] : [i])),
  };
}
