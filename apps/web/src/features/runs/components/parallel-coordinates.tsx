"use client";

import { lowerIsBetter, metricLabel, type RunDetail } from "@roundhouse/contracts";
import { useState } from "react";
import { numberIn } from "../lib/compare-rows";

// Drawn as SVG by hand: Recharts has no parallel-coordinates chart, and a line chart over category
// axes cannot give each axis its own scale and ticks.
const W = 1000;
const H = 300;
const TOP = 16;
const BOTTOM = 64;
const SIDE = 56;

// Whole numbers as they are, others with four significant digits (3.5, not 3.5000).
const tick = (v: number) => (Number.isInteger(v) ? v.toLocaleString("en-US") : String(Number(v.toPrecision(4))));

/**
 * The parameters that differ between the runs, then the chosen metric, as parallel axes, each from
 * its own lowest value (bottom) to its highest (top) with its values marked; one line per run,
 * coloured from grey (worst) to the accent (best) on the metric. Hovering a line brings it forward.
 */
export function ParallelCoordinates({
  runs,
  labels,
  axes,
  metric,
}: {
  runs: RunDetail[];
  labels: string[];
  axes: string[];
  metric: string;
}) {
  const [hovered, setHovered] = useState<number | null>(null);
  const all = [...axes.filter((a) => a !== metric), metric];
  const x = (i: number) => (all.length === 1 ? W / 2 : SIDE + (i * (W - 2 * SIDE)) / (all.length - 1));
  const ranges = all.map((a) => {
    const vs = runs.map((r) => numberIn(r, a)).filter((v): v is number => v !== null);
    return { min: Math.min(...vs), max: Math.max(...vs) };
  });
  const y = (axis: number, v: number) => {
    const { min, max } = ranges[axis] as { min: number; max: number };
    const share = max === min ? 0.5 : (v - min) / (max - min);
    return TOP + (1 - share) * (H - TOP - BOTTOM);
  };
  const quality = runs.map((r) => {
    const { min, max } = ranges[all.length - 1] as { min: number; max: number };
    const v = numberIn(r, metric);
    if (v === null) return 0;
    const share = max === min ? 1 : (v - min) / (max - min);
    return lowerIsBetter(metric) ? 1 - share : share;
  });
  const path = (r: RunDetail) =>
    all
      .map((a, i) => {
        const v = numberIn(r, a);
        return v === null ? null : `${x(i).toFixed(1)},${y(i, v).toFixed(1)}`;
      })
      .reduce<string>((d, p, i, ps) => (p === null ? d : `${d}${i === 0 || ps[i - 1] === null ? "M" : "L"}${p}`), "");

  const describe = (r: RunDetail) =>
    all.map((a) => `${a === metric ? metricLabel(a) : a} ${tick(numberIn(r, a) ?? Number.NaN)}`).join(" · ");

  return (
    <div data-testid="parallel-coordinates" className="flex flex-col gap-2">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        role="img"
        aria-label={`Parameters of ${runs.length} runs against ${metricLabel(metric)}`}
      >
        {all.map((a, i) => {
          const { min, max } = ranges[i] as { min: number; max: number };
          const ticks = min === max ? [min] : [min, (min + max) / 2, max];
          return (
            <g key={a} fontSize={11}>
              <line x1={x(i)} x2={x(i)} y1={TOP} y2={H - BOTTOM} stroke="var(--border)" strokeWidth={1.5} />
              {ticks.map((t) => (
                <text key={t} x={x(i) + 5} y={y(i, t) + 4} fill="var(--text-muted)">
                  {tick(t)}
                </text>
              ))}
              {/* Names alternate between two rows so neighbours never overlap. */}
              <text
                x={x(i)}
                y={H - BOTTOM + 22 + (i % 2) * 18}
                textAnchor="middle"
                fill="var(--text)"
                fontWeight={a === metric ? 600 : 400}
              >
                <title>{a}</title>
                {a === metric ? metricLabel(a) : a.length > 18 ? `${a.slice(0, 17)}…` : a}
              </text>
            </g>
          );
        })}
        {runs.map((r, i) => (
          // biome-ignore lint/a11y/useSemanticElements: an SVG path cannot be a <button>; it is focusable so keyboards can highlight it too
          <path
            key={r.id}
            data-run={labels[i]}
            d={path(r)}
            fill="none"
            role="button"
            tabIndex={0}
            aria-label={`${labels[i]}: ${describe(r)}`}
            onMouseEnter={() => setHovered(i)}
            onMouseLeave={() => setHovered(null)}
            onFocus={() => setHovered(i)}
            onBlur={() => setHovered(null)}
            style={{
              stroke: `color-mix(in srgb, var(--accent) ${Math.round(15 + 85 * (quality[i] ?? 0))}%, var(--text-muted))`,
              strokeWidth: hovered === i ? 4 : 1.5 + 1.5 * (quality[i] ?? 0),
              opacity: hovered === null || hovered === i ? 1 : 0.15,
              cursor: "pointer",
            }}
          >
            <title>{`${labels[i]}: ${describe(r)}`}</title>
          </path>
        ))}
      </svg>
      <p className="text-xs text-muted" aria-live="polite">
        {hovered !== null
          ? `${labels[hovered]}: ${describe(runs[hovered] as RunDetail)}`
          : `Only the parameters that differ between these runs get an axis. Brighter, thicker lines have a better ${metricLabel(metric)}; point at one to bring it forward.`}
      </p>
    </div>
  );
}
