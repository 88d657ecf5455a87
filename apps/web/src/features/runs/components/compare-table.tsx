"use client";

import { metricLabel, type RunDetail } from "@roundhouse/contracts";
import Link from "next/link";
import { useState } from "react";
import { Table, Td, Th } from "@/components/ui/table";
import { runColor } from "@/lib/chart-style";
import { cn } from "@/lib/cn";
import { formatMetric } from "@/lib/metric-format";
import { compareRows } from "../lib/compare-rows";

/** Metrics, parameters and data sizes per run; the best value of each metric is highlighted. */
export function CompareTable({ runs, labels }: { runs: RunDetail[]; labels: string[] }) {
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const rows = compareRows(runs).filter((r) => !onlyDifferences || r.differs);
  return (
    <div className="flex flex-col gap-2">
      <label className="flex items-center gap-2 self-end text-sm">
        <input
          type="checkbox"
          checked={onlyDifferences}
          onChange={(e) => setOnlyDifferences(e.target.checked)}
          className="size-4 accent-[var(--accent)]"
        />
        Show only differences
      </label>
      <Table aria-label="Metrics and parameters">
        <thead>
          <tr>
            <Th className="sticky left-0 z-10">Run</Th>
            {runs.map((r, i) => (
              <Th key={r.id} className="normal-case">
                <span className="mr-1 inline-block size-2 rounded-full" style={{ background: runColor(i) }} />
                <Link href={`/jobs/${r.jobId}`} className="text-accent hover:underline">
                  {labels[i]}
                </Link>
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.group}:${row.name}`} data-row={row.name}>
              <Td className="sticky left-0 z-10 bg-surface whitespace-nowrap">
                <span className="text-xs text-muted">{row.group} </span>
                {row.group === "metric" ? (
                  <span className="text-sm font-medium" title={row.name}>
                    {metricLabel(row.name)}
                  </span>
                ) : (
                  <span className="font-mono text-xs">{row.name}</span>
                )}
              </Td>
              {row.values.map((v, i) => (
                <Td
                  key={i}
                  className={cn("tabular-nums", row.best.includes(i) && "bg-success/15 font-semibold text-success")}
                  aria-label={row.best.includes(i) ? "best" : undefined}
                >
                  {row.group === "metric" ? formatMetric(v as number | null) : v === null ? "–" : String(v)}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      {rows.length === 0 && <p className="text-sm text-muted">These runs have the same parameters and data.</p>}
    </div>
  );
}
