"use client";

import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, tooltipStyle, xTitle, Y_TITLE_WIDTH, yTitle } from "@/lib/chart-style";

/** Residual (actual − predicted) against the prediction: a pattern here is signal the model missed. */
export function ResidualChart({ points }: { points: { actual: number; predicted: number }[] }) {
  const data = points.map((p) => ({ predicted: p.predicted, residual: p.actual - p.predicted }));
  return (
    <div className="h-64 w-full" data-testid="residual-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 12, bottom: 16, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="predicted" type="number" name="predicted" tick={axisTick} domain={["auto", "auto"]} label={xTitle("Predicted")} />
          <YAxis
            dataKey="residual"
            type="number"
            name="residual"
            tick={axisTick}
            width={48 + Y_TITLE_WIDTH}
            label={yTitle("Actual − predicted")}
          />
          <ReferenceLine y={0} stroke="var(--text-muted)" />
          <Tooltip contentStyle={tooltipStyle} formatter={(v) => Number(v).toFixed(3)} />
          <Scatter data={data} fill="var(--accent)" fillOpacity={0.5} isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
