"use client";

import { formatMetric, type LivePerformance, metricLabel } from "@roundhouse/contracts";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, runColor, tooltipStyle, Y_TITLE_WIDTH, yTitle } from "@/lib/chart-style";
import { windowLabel } from "../lib/window-label";

/** The realised metric per window of decisions with outcomes, beside the holdout metric it was approved with. */
export function LivePerformanceChart({ performance }: { performance: LivePerformance }) {
  const data = performance.windows.map((w) => ({ window: windowLabel(w.start, performance.window), value: w.value, outcomes: w.outcomes }));
  const label = metricLabel(performance.metric);
  return (
    <div className="h-56 w-full" data-testid="live-performance-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="window" tick={axisTick} minTickGap={24} />
          <YAxis
            tick={axisTick}
            width={44 + Y_TITLE_WIDTH}
            label={yTitle(label)}
            domain={["auto", "auto"]}
            tickFormatter={(v) => Number(v).toFixed(2)}
          />
          <Tooltip
            contentStyle={tooltipStyle}
            formatter={(v, _n, item) => [`${formatMetric(Number(v))} (${item.payload.outcomes} outcomes)`, label]}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
          {performance.holdout !== null && (
            <ReferenceLine
              y={performance.holdout}
              // The holdout line stays in view even when live performance is far from it.
              ifOverflow="extendDomain"
              stroke="var(--text-muted)"
              strokeDasharray="4 4"
              label={{
                value: `holdout ${formatMetric(performance.holdout)}`,
                fontSize: 11,
                fill: "var(--text-muted)",
                position: "insideBottomRight",
              }}
            />
          )}
          <Line dataKey="value" name={`${label} on outcomes`} stroke={runColor(0)} dot connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
