"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, tooltipStyle, xTitle } from "@/lib/chart-style";

/** Each reason's push on the score: right (orange) raises it, left (blue) lowers it. */
export function ReasonsChart({ reasons }: { reasons: { feature: string; value: unknown; contribution: number }[] }) {
  const data = reasons.map((r) => ({
    label: `${r.feature} = ${r.value === null ? "missing" : String(r.value)}`,
    contribution: r.contribution,
  }));
  return (
    <div className="w-full" style={{ height: 56 + data.length * 34 }} data-testid="reasons-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={axisTick} tickFormatter={(v) => Number(v).toFixed(2)} label={xTitle("Contribution to the score")} />
          <YAxis type="category" dataKey="label" tick={axisTick} width={200} />
          <Tooltip contentStyle={tooltipStyle} formatter={(v) => Number(v).toFixed(4)} />
          <ReferenceLine x={0} stroke="var(--text-muted)" />
          <Bar dataKey="contribution" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.label} fill={d.contribution >= 0 ? "#ea580c" : "#2563eb"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
