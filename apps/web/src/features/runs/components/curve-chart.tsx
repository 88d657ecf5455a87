"use client";

import { thin } from "@roundhouse/contracts";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, runColor, runDash, tooltipStyle, xTitle, Y_TITLE_WIDTH, yTitle } from "@/lib/chart-style";

export interface Curve {
  label: string;
  points: { x: number; y: number }[];
}

/** ROC, PR or calibration curves, overlaid; `diagonal` draws the chance line. */
export function CurveChart({
  curves,
  xLabel,
  yLabel,
  diagonal,
  testId,
}: {
  curves: Curve[];
  xLabel: string;
  yLabel: string;
  diagonal?: boolean;
  testId: string;
}) {
  return (
    <div className="h-64 w-full" data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 12, bottom: 16, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" domain={[0, 1]} tick={axisTick} label={xTitle(xLabel)} />
          <YAxis type="number" domain={[0, 1]} tick={axisTick} width={36 + Y_TITLE_WIDTH} label={yTitle(yLabel)} />
          <Tooltip
            contentStyle={tooltipStyle}
            formatter={(v) => Number(v).toFixed(3)}
            labelFormatter={(l) => `${xLabel} ${Number(l).toFixed(3)}`}
          />
          {curves.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />}
          {diagonal && (
            <Line
              data={[
                { x: 0, y: 0 },
                { x: 1, y: 1 },
              ]}
              dataKey="y"
              stroke="var(--text-muted)"
              strokeDasharray="4 4"
              dot={false}
              legendType="none"
              isAnimationActive={false}
              name="chance"
            />
          )}
          {curves.map((c, i) => (
            <Line
              key={c.label}
              data={thin(c.points)}
              dataKey="y"
              name={c.label}
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
