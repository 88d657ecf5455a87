"use client";

import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, runColor, tooltipStyle, xTitle } from "@/lib/chart-style";

export interface ImportanceSet {
  label: string;
  importances: { feature: string; gain: number }[];
}

/** Gain importance as a share of each run's total, top features first; runs side by side. */
export function ImportanceChart({ sets, top = 15 }: { sets: ImportanceSet[]; top?: number }) {
  const shares = sets.map((s) => {
    const total = s.importances.reduce((a, f) => a + f.gain, 0) || 1;
    return new Map(s.importances.map((f) => [f.feature, f.gain / total]));
  });
  const features = [...new Set(sets.flatMap((s) => s.importances.map((f) => f.feature)))]
    .map((feature) => ({ feature, best: Math.max(...shares.map((m) => m.get(feature) ?? 0)) }))
    .sort((a, b) => b.best - a.best)
    .slice(0, top);
  if (features.length && sets.every((s) => s.importances.every((f) => f.gain === 0)))
    return (
      <p className="text-sm text-muted">
        No feature carries any importance: the model gives every row the same score (trees that never split, on too few training rows, or
        coefficients of zero).
      </p>
    );
  if (!features.length)
    return (
      <p className="text-sm text-muted">
        No feature importances for this run: its model (an ONNX graph) has no splits or coefficients to rank features by.
      </p>
    );
  const data = features.map(({ feature }) =>
    Object.fromEntries([["feature", feature], ...sets.map((s, i) => [s.label, shares[i]?.get(feature) ?? 0])]),
  );
  return (
    <div style={{ height: Math.max(176, features.length * (14 + 6 * sets.length) + 56) }} className="w-full" data-testid="importance-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 16, left: 0 }}>
          <XAxis
            type="number"
            tick={axisTick}
            tickFormatter={(v) => `${Math.round(Number(v) * 100)}%`}
            label={xTitle("Share of the model's importance")}
          />
          <YAxis type="category" dataKey="feature" tick={axisTick} width={110} interval={0} />
          <Tooltip contentStyle={tooltipStyle} formatter={(v) => `${(Number(v) * 100).toFixed(1)}%`} />
          {sets.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />}
          {sets.map((s, i) => (
            <Bar key={s.label} dataKey={s.label} fill={runColor(i)} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
