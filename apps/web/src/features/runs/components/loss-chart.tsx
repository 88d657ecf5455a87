"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, runColor, runDash, tooltipStyle, xTitle, Y_TITLE_WIDTH, yTitle } from "@/lib/chart-style";

export interface LossSeries {
  label: string;
  points: { iteration: number; value: number }[];
}

/** Loss per iteration; one line per series (train and validation, or one per run when comparing). */
export function LossChart({ series, height = 240 }: { series: LossSeries[]; height?: number }) {
  const drawn = series.filter((s) => s.points.length);
  if (!drawn.length) return <p className="text-sm text-muted">No loss recorded yet.</p>;
  return (
    <div style={{ height }} className="w-full" data-testid="loss-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 12, bottom: 16, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="iteration"
            type="number"
            domain={["dataMin", "dataMax"]}
            tick={axisTick}
            allowDuplicatedCategory={false}
            label={xTitle("Iteration")}
          />
          <YAxis
            tick={axisTick}
            width={56 + Y_TITLE_WIDTH}
            domain={["auto", "auto"]}
            tickFormatter={(v) => Number(v).toFixed(3)}
            label={yTitle("Loss")}
          />
          <Tooltip contentStyle={tooltipStyle} formatter={(v) => Number(v).toFixed(4)} labelFormatter={(l) => `iteration ${l}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
          {drawn.map((s, i) => (
            <Line
              key={s.label}
              data={s.points}
              dataKey="value"
              name={s.label}
              stroke={runColor(i)}
              strokeDasharray={runDash(i)}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
