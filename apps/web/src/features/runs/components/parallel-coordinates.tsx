"use client";

import { lowerIsBetter, type RunDetail } from "@roundhouse/contracts";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, tooltipStyle } from "@/lib/chart-style";
import { numberIn } from "../lib/compare-rows";

/**
 * Parameters (and the chosen metric, last) as parallel axes, each scaled to its own min..max; one
 * line per run, coloured from muted (worst) to the accent (best) by the chosen metric.
 */
export function ParallelCoordinates({
  runs,
  labels,
  axes,
  metric,
}: {
  runs: RunDetail[];
  labels: string[];
  axes: string[];
  metric: string;
}) {
  const all = [...axes.filter((a) => a !== metric), metric];
  const ranges = new Map(
    all.map((a) => {
      const vs = runs.map((r) => numberIn(r, a)).filter((v): v is number => v !== null);
      return [a, { min: Math.min(...vs), max: Math.max(...vs) }];
    }),
  );
  const scale = (a: string, v: number | null) => {
    const r = ranges.get(a);
    if (v === null || !r) return null;
    return r.max === r.min ? 0.5 : (v - r.min) / (r.max - r.min);
  };
  const data = all.map((a) => Object.fromEntries([["axis", a], ...runs.map((r, i) => [`r${i}`, scale(a, numberIn(r, a))])]));
  const quality = runs.map((r) => {
    const s = scale(metric, numberIn(r, metric)) ?? 0;
    return lowerIsBetter(metric) ? 1 - s : s;
  });
  return (
    <div className="h-72 w-full" data-testid="parallel-coordinates">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical horizontal={false} />
          <XAxis dataKey="axis" tick={axisTick} interval={0} padding={{ left: 40, right: 40 }} />
          <YAxis domain={[0, 1]} tick={false} width={8} />
          <Tooltip
            contentStyle={tooltipStyle}
            formatter={(_v, key, item) => {
              const i = Number(String(key).slice(1));
              const axis = (item?.payload as { axis?: string } | undefined)?.axis ?? "";
              return [String(numberIn(runs[i] as RunDetail, axis) ?? "–"), labels[i]];
            }}
          />
          {runs.map((r, i) => (
            <Line
              key={r.id}
              dataKey={`r${i}`}
              name={labels[i]}
              stroke={`color-mix(in srgb, var(--accent) ${Math.round(25 + 75 * (quality[i] ?? 0))}%, var(--text-muted))`}
              strokeWidth={1.5 + 1.5 * (quality[i] ?? 0)}
              dot={{ r: 2 }}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <p className="mt-1 text-xs text-muted">
        Each axis runs from its lowest value (bottom) to its highest (top) across these runs; brighter, thicker lines have a better {metric}
        .
      </p>
    </div>
  );
}
