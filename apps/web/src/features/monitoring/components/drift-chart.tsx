"use client";

import type { DriftReport } from "@roundhouse/contracts";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, runColor, tooltipStyle, Y_TITLE_WIDTH, yTitle } from "@/lib/chart-style";
import { windowLabel } from "../lib/window-label";

/** Each feature's PSI per window (the six that moved most, and the prediction), against the alert line. */
export function DriftChart({ report }: { report: DriftReport }) {
  const peak = new Map<string, number>();
  for (const w of report.windows) for (const f of w.features) peak.set(f.name, Math.max(peak.get(f.name) ?? 0, f.psi));
  const shown = [...peak.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name]) => name);
  const data = report.windows.map((w) => ({
    window: windowLabel(w.start, report.window),
    prediction: w.predictionPsi,
    ...Object.fromEntries(w.features.map((f) => [f.name, f.psi])),
  }));
  return (
    <div className="h-64 w-full" data-testid="drift-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="window" tick={axisTick} minTickGap={24} />
          <YAxis tick={axisTick} width={44 + Y_TITLE_WIDTH} label={yTitle("PSI")} tickFormatter={(v) => Number(v).toFixed(2)} />
          <Tooltip contentStyle={tooltipStyle} formatter={(v) => Number(v).toFixed(3)} />
          <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
          <ReferenceLine
            y={report.thresholds.psi}
            stroke="var(--danger, #dc2626)"
            strokeDasharray="4 4"
            label={{ value: "alert", fontSize: 11, fill: "var(--text-muted)", position: "insideTopRight" }}
          />
          {shown.map((name, i) => (
            <Line key={name} dataKey={name} name={name} stroke={runColor(i)} dot={data.length < 30} isAnimationActive={false} />
          ))}
          <Line dataKey="prediction" name="prediction" stroke="var(--text)" strokeDasharray="5 3" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
