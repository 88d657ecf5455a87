"use client";

import { lowerIsBetter, metricLabel, type RunDetail } from "@roundhouse/contracts";
import { Trophy } from "lucide-react";
import { Select } from "@/components/ui/select";
import { runColor } from "@/lib/chart-style";
import { formatDelta, formatMetric } from "@/lib/metric-format";
import { useNoiseCheck } from "../hooks/use-noise-check";
import type { Verdict } from "../lib/verdict";

interface Props {
  runs: RunDetail[];
  labels: string[];
  metrics: string[];
  verdict: Verdict | null;
  onMetric: (metric: string) => void;
}

/** The primary metric, chosen here, and the run that wins on it: by how much, and whether that is more than noise. */
export function CompareVerdict({ runs, labels, metrics, verdict, onMetric }: Props) {
  const metric = verdict?.metric ?? metrics[0] ?? "";
  const winner = verdict ? runs[verdict.winner] : undefined;
  const runnerUp = verdict?.runnerUp != null ? runs[verdict.runnerUp] : undefined;
  return (
    <section
      aria-label="Verdict"
      data-testid="verdict"
      className="flex flex-wrap items-start gap-6 rounded-lg border border-border bg-surface p-4"
    >
      <div className="w-56 shrink-0">
        <Select label="Primary metric" value={metric} onChange={(e) => onMetric(e.target.value)}>
          {metrics.map((m) => (
            <option key={m} value={m}>
              {metricLabel(m)} ({lowerIsBetter(m) ? "lower" : "higher"} is better)
            </option>
          ))}
        </Select>
      </div>
      {verdict && winner ? (
        <div className="flex min-w-0 flex-1 flex-col gap-1.5">
          <p className="flex items-center gap-2 text-base">
            <Trophy aria-hidden className="size-5 text-warning" />
            <span>
              <span className="text-muted">Winner on {metricLabel(metric)}:</span>{" "}
              <span className="font-semibold" data-testid="winner" style={{ color: runColor(verdict.winner) }}>
                {labels[verdict.winner]}
              </span>{" "}
              <span className="tabular-nums">({formatMetric(winner.metrics?.[metric])})</span>
            </span>
          </p>
          {runnerUp && verdict.margin !== null ? (
            <p className="text-sm" data-testid="margin">
              Ahead of {labels[verdict.runnerUp as number]} ({formatMetric(runnerUp.metrics?.[metric])}) by{" "}
              <span className="font-semibold tabular-nums">{formatDelta(verdict.margin).replace("+", "")}</span>
              {verdict.relative !== null && <span className="text-muted"> ({(verdict.relative * 100).toFixed(1)}%)</span>}
              {verdict.tied.length > 0 && <span className="text-muted">; tied with {verdict.tied.map((i) => labels[i]).join(", ")}</span>}.
            </p>
          ) : (
            <p className="text-sm text-muted">Every run with this metric has the same value: no winner.</p>
          )}
          {runnerUp && verdict.margin !== null && <NoiseLine a={winner.id} b={runnerUp.id} metric={metric} />}
          {verdict.missing.length > 0 && (
            <p className="text-xs text-muted">
              Without {metricLabel(metric)}: {verdict.missing.map((i) => labels[i]).join(", ")}.
            </p>
          )}
        </div>
      ) : (
        <p className="text-sm text-muted">No run has {metricLabel(metric)}.</p>
      )}
    </section>
  );
}

function NoiseLine({ a, b, metric }: { a: string; b: string; metric: string }) {
  const check = useNoiseCheck(a, b, metric);
  if (check.isPending) return <p className="text-sm text-muted">Testing the margin against noise on the shared holdout…</p>;
  if (check.isError) return <p className="text-sm text-danger">The noise check failed: {check.error.message}</p>;
  const c = check.data;
  if (c.reason || c.low === null || c.high === null) return <p className="text-sm text-muted">{c.reason}</p>;
  // Positive = better for the winner, whichever way the metric goes.
  const sign = lowerIsBetter(metric) ? -1 : 1;
  const [low, high] = [sign * c.low, sign * c.high].sort((x, y) => x - y) as [number, number];
  const interval = `95% interval of the margin ${formatDelta(low)} to ${formatDelta(high)}, paired bootstrap over ${c.resamples} resamples of ${c.rows.toLocaleString()} shared holdout rows`;
  return c.larger && low > 0 ? (
    <p className="text-sm text-success" data-testid="noise">
      Larger than noise ({interval}).
    </p>
  ) : (
    <p className="text-sm text-warning" data-testid="noise">
      Within noise: on other samples of these rows the order could flip ({interval}).
    </p>
  );
}
