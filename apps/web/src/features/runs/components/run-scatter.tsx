"use client";

import { metricLabel, type RunDetail } from "@roundhouse/contracts";
import { CartesianGrid, LabelList, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { Select } from "@/components/ui/select";
import { axisTick, tooltipStyle, xTitle, Y_TITLE_WIDTH, yTitle } from "@/lib/chart-style";
import { numberIn } from "../lib/compare-rows";

/** Any two metrics or parameters against each other, one point per run. */
export function RunScatter({
  runs,
  labels,
  metrics,
  params,
  x: askedX,
  y: askedY,
  onAxes,
}: {
  runs: RunDetail[];
  labels: string[];
  metrics: string[];
  params: string[];
  x?: string;
  y?: string;
  onAxes: (axes: { x?: string; y?: string }) => void;
}) {
  const fields = [...metrics, ...params];
  // By default a varied parameter against the primary metric (first), or the two first metrics.
  const x = askedX && fields.includes(askedX) ? askedX : (params[0] ?? metrics[1] ?? "");
  const y = askedY && fields.includes(askedY) ? askedY : (metrics[0] ?? "");
  // Metrics by their names ("PR AUC"), parameters as the spec spells them.
  const title = (f: string) => (metrics.includes(f) ? metricLabel(f) : f);
  const setX = (v: string) => onAxes({ x: v });
  const setY = (v: string) => onAxes({ y: v });
  const data = runs.map((r, i) => ({ x: numberIn(r, x), y: numberIn(r, y), label: labels[i] })).filter((p) => p.x !== null && p.y !== null);
  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-3">
        <Select label="X axis" value={x} onChange={(e) => setX(e.target.value)}>
          {fields.map((f) => (
            <option key={f} value={f}>
              {title(f)}
            </option>
          ))}
        </Select>
        <Select label="Y axis" value={y} onChange={(e) => setY(e.target.value)}>
          {fields.map((f) => (
            <option key={f} value={f}>
              {title(f)}
            </option>
          ))}
        </Select>
      </div>
      <div className="h-64 w-full" data-testid="run-scatter">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 16, right: 24, bottom: 16, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis dataKey="x" type="number" name={title(x)} tick={axisTick} domain={["auto", "auto"]} label={xTitle(title(x))} />
            <YAxis
              dataKey="y"
              type="number"
              name={title(y)}
              tick={axisTick}
              width={56 + Y_TITLE_WIDTH}
              domain={["auto", "auto"]}
              label={yTitle(title(y))}
            />
            <Tooltip contentStyle={tooltipStyle} />
            <Scatter data={data} fill="var(--accent)" isAnimationActive={false}>
              <LabelList dataKey="label" position="top" style={{ fontSize: 10, fill: "var(--text-muted)" }} />
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
