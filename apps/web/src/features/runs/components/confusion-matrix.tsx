"use client";

import type { RunDetail } from "@roundhouse/contracts";
import { useId, useState } from "react";
import { confusionAtThreshold, rates } from "../lib/confusion";

/** Binary: the 2×2 matrix at a threshold the reader slides. Multiclass: the K×K matrix. */
export function ConfusionMatrix({ evaluation }: { evaluation: NonNullable<RunDetail["evaluation"]> }) {
  const [threshold, setThreshold] = useState(0.5);
  const sliderId = useId();
  if (Array.isArray(evaluation.confusion))
    return <MulticlassMatrix matrix={evaluation.confusion as number[][]} classes={evaluation.classes ?? null} />;
  const c = confusionAtThreshold(evaluation, threshold);
  if (!c) return <p className="text-sm text-muted">No confusion matrix for this run.</p>;
  const r = rates(c);
  const classes = evaluation.classes ?? ["0", "1"];
  return (
    <div className="flex flex-col gap-3" data-testid="confusion-matrix">
      <label htmlFor={sliderId} className="flex items-center gap-3 text-sm">
        Threshold
        <input
          id={sliderId}
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={threshold}
          onChange={(e) => setThreshold(Number(e.target.value))}
          className="flex-1 accent-[var(--accent)]"
        />
        <span className="w-10 tabular-nums">{threshold.toFixed(2)}</span>
      </label>
      <table className="w-full table-fixed border-collapse text-center text-sm">
        <thead>
          <tr>
            <th className="p-1 text-xs font-normal text-muted">actual ↓ predicted →</th>
            <th className="p-1 text-xs">{classes[0]}</th>
            <th className="p-1 text-xs">{classes[1]}</th>
          </tr>
        </thead>
        <tbody>
          <Row name={classes[0] ?? "0"} cells={[c.tn, c.fp]} good={0} total={c.tn + c.fp} />
          <Row name={classes[1] ?? "1"} cells={[c.fn, c.tp]} good={1} total={c.fn + c.tp} />
        </tbody>
      </table>
      <p className="text-xs text-muted tabular-nums">
        precision {r.precision.toFixed(3)} · recall {r.recall.toFixed(3)} · F1 {r.f1.toFixed(3)} · accuracy {r.accuracy.toFixed(3)}
      </p>
    </div>
  );
}

function Row({ name, cells, good, total }: { name: string; cells: number[]; good: number; total: number }) {
  return (
    <tr>
      <th className="p-1 text-xs">{name}</th>
      {cells.map((n, i) => (
        <td
          key={i}
          className="border border-border p-2 tabular-nums"
          style={{
            background: `color-mix(in srgb, var(${i === good ? "--success" : "--danger"}) ${Math.round((n / Math.max(1, total)) * 45)}%, transparent)`,
          }}
        >
          {n.toLocaleString()}
        </td>
      ))}
    </tr>
  );
}

function MulticlassMatrix({ matrix, classes }: { matrix: number[][]; classes: string[] | null }) {
  const name = (i: number) => classes?.[i] ?? String(i);
  return (
    <div className="overflow-x-auto" data-testid="confusion-matrix">
      <table className="border-collapse text-center text-xs">
        <thead>
          <tr>
            <th className="p-1 font-normal text-muted">actual ↓ predicted →</th>
            {matrix.map((_, j) => (
              <th key={j} className="p-1">
                {name(j)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => {
            const total = row.reduce((a, b) => a + b, 0) || 1;
            return (
              <tr key={i}>
                <th className="p-1">{name(i)}</th>
                {row.map((n, j) => (
                  <td
                    key={j}
                    className="min-w-12 border border-border p-2 tabular-nums"
                    style={{
                      background: `color-mix(in srgb, var(${i === j ? "--success" : "--danger"}) ${Math.round((n / total) * 45)}%, transparent)`,
                    }}
                  >
                    {n}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
