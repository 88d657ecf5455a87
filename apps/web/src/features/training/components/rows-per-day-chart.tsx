"use client";

import type { Holdout } from "@roundhouse/contracts";
import { Bar, BarChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, tooltipStyle, xTitle, Y_TITLE_WIDTH, yTitle } from "@/lib/chart-style";

/** Rows per day with the train range shaded in the accent colour and the holdout in green. */
export function RowsPerDayChart({
  days,
  holdout,
}: {
  days: { day: string; rows: number }[];
  holdout: Extract<Holdout, { kind: "dateRange" }>;
}) {
  if (!days.length) return <p className="text-sm text-muted">No rows have a value in this column.</p>;
  const last = days[days.length - 1]?.day ?? "";
  const clamp = (d: string) => [d.slice(0, 10), last].sort()[0];
  return (
    <div className="h-48 w-full" data-testid="rows-per-day">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 4, right: 8, bottom: 16, left: 0 }}>
          <XAxis dataKey="day" tick={axisTick} minTickGap={40} label={xTitle("Day")} />
          <YAxis tick={axisTick} width={48 + Y_TITLE_WIDTH} label={yTitle("Rows")} />
          <Tooltip contentStyle={tooltipStyle} formatter={(v) => [Number(v).toLocaleString(), "rows"]} />
          {holdout.train.from && holdout.train.to && (
            <ReferenceArea
              x1={clamp(holdout.train.from)}
              x2={clamp(holdout.train.to)}
              fill="var(--accent)"
              fillOpacity={0.12}
              label="train"
            />
          )}
          {holdout.holdout.from && holdout.holdout.to && (
            <ReferenceArea
              x1={clamp(holdout.holdout.from)}
              x2={clamp(holdout.holdout.to)}
              fill="var(--success)"
              fillOpacity={0.15}
              label="holdout"
            />
          )}
          <Bar dataKey="rows" fill="var(--text-muted)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
