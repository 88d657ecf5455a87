"use client";

import type { ColumnProfile } from "@roundhouse/contracts";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { tooltipStyle } from "@/lib/chart-style";
import { formatCount, formatNumber } from "../lib/format";

const rowsLabel = (v: unknown) => [formatCount(Number(v)), "rows"] as [string, string];

/** A histogram for numbers and dates, the most frequent values for text and booleans. */
export function ColumnProfileChart({ column }: { column: ColumnProfile }) {
  const temporal = column.type === "date" || column.type === "timestamp";
  if (column.histogram) {
    const data = column.histogram.map((b) => ({
      label: temporal ? new Date(b.start).toISOString().slice(0, 10) : formatNumber(b.start),
      count: b.count,
    }));
    return (
      <div className="h-28 w-full" data-testid={`histogram-${column.name}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            <XAxis dataKey="label" hide />
            <YAxis hide />
            <Tooltip formatter={rowsLabel} contentStyle={tooltipStyle} />
            <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    );
  }
  if (column.topValues?.length) {
    const data = column.topValues.slice(0, 6);
    return (
      <div className="h-28 w-full" data-testid={`top-values-${column.name}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 4, bottom: 0, left: 0 }}>
            <XAxis type="number" hide />
            <YAxis type="category" dataKey="value" width={70} tick={{ fontSize: 11, fill: "var(--text-muted)" }} interval={0} />
            <Tooltip formatter={rowsLabel} contentStyle={tooltipStyle} />
            <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    );
  }
  return <div className="flex h-28 items-center text-xs text-muted">No distribution for this column.</div>;
}
