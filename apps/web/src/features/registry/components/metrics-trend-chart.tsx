"use client";

import { metricLabel } from "@roundhouse/contracts";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, runColor, tooltipStyle, xTitle } from "@/lib/chart-style";

/** Each metric across versions, oldest first: is the model getting better? */
export function MetricsTrendChart({
  versions,
  metrics,
}: {
  versions: { version: number; metrics: Record<string, number> }[];
  metrics: string[];
}) {
  const data = [...versions].reverse().map((v) => ({ version: `v${v.version}`, ...v.metrics }));
  return (
    <div className="h-56 w-full" data-testid="metrics-trend">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 16, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="version" tick={axisTick} label={xTitle("Model version")} />
          <YAxis tick={axisTick} width={48} domain={["auto", "auto"]} tickFormatter={(v) => Number(v).toFixed(3)} />
          <Tooltip contentStyle={tooltipStyle} formatter={(v) => Number(v).toFixed(4)} />
          <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
          {metrics.map((m, i) => (
            <Line key={m} dataKey={m} name={metricLabel(m)} stroke={runColor(i)} dot isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
