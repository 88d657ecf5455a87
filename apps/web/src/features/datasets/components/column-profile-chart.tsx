"use client";

import type { ColumnProfile } from "@roundhouse/contracts";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, tooltipStyle, xTitle, Y_TITLE_WIDTH, yTitle } from "@/lib/chart-style";
import { formatCount, formatNumber } from "../lib/format";

/** Category names longer than the axis has room for end in "…"; the tooltip has them whole. */
const shortLabel = (v: unknown) => {
  const text = String(v);
  return text.length > 14 ? `${text.slice(0, 13)}…` : text;
};

const compact = new Intl.NumberFormat("en-US", { notation: "compact" });
/** Axis ticks as "12K", "1.2M": short enough for a narrow axis; the tooltip has the exact count. */
const compactCount = (v: unknown) => compact.format(Number(v));

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
      <div className="h-40 w-full" data-testid={`histogram-${column.name}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 16, left: 0 }}>
            <XAxis dataKey="label" tick={axisTick} interval="preserveStartEnd" minTickGap={16} label={xTitle(column.name)} />
            <YAxis tick={axisTick} width={36 + Y_TITLE_WIDTH} tickFormatter={compactCount} allowDecimals={false} label={yTitle("Rows")} />
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
      <div className="h-40 w-full" data-testid={`top-values-${column.name}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 16, left: 0 }}>
            <XAxis type="number" tick={axisTick} tickFormatter={compactCount} allowDecimals={false} label={xTitle("Rows")} />
            <YAxis type="category" dataKey="value" width={96} tick={axisTick} tickFormatter={shortLabel} interval={0} />
            <Tooltip formatter={rowsLabel} contentStyle={tooltipStyle} />
            <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    );
  }
  return <div className="flex h-28 items-center text-xs text-muted">No distribution for this column.</div>;
}
