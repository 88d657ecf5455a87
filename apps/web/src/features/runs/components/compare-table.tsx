"use client";

import { metricLabel, type RunDetail } from "@roundhouse/contracts";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { runColor } from "@/lib/chart-style";
import { cn } from "@/lib/cn";
import { formatMetric } from "@/lib/metric-format";
import { compareRows } from "../lib/compare-rows";

interface Props {
  runs: RunDetail[];
  labels: string[];
  primary: string;
  onlyDifferences: boolean;
  onOnlyDifferences: (on: boolean) => void;
}

/** Metrics, parameters and data sizes per run; the best value of each metric is highlighted, the primary metric first. */
export function CompareTable({ runs, labels, primary, onlyDifferences, onOnlyDifferences: setOnlyDifferences }: Props) {
  const all = compareRows(runs).filter((r) => !onlyDifferences || r.differs);
  const rows = [
    ...all.filter((r) => r.group === "metric" && r.name === primary),
    ...all.filter((r) => !(r.group === "metric" && r.name === primary)),
  ];
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
              <Th key={r.id} className="min-w-36 normal-case tracking-normal" title={r.description || undefined}>
                <span className="flex items-center gap-1.5">
                  <span className="inline-block size-2 shrink-0 rounded-full" style={{ background: runColor(i) }} />
                  <Link href={`/jobs/${r.jobId}`} className="text-sm text-accent-strong hover:underline">
                    {labels[i]}
                  </Link>
                </span>
                <span className="block font-normal">
                  {r.algorithm.replaceAll("_", " ")} · {r.jobName}
                </span>
                {r.tags.length > 0 && (
                  <span className="mt-1 flex flex-wrap gap-1">
                    {r.tags.map((t) => (
                      <Badge key={t}>{t}</Badge>
                    ))}
                  </span>
                )}
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
                    {row.name === primary && <span className="ml-1 text-xs font-normal text-accent-strong">primary</span>}
                  </span>
                ) : (
                  <span className="font-mono text-xs">{row.name}</span>
                )}
              </Td>
              {row.values.map((v, i) => (
                <Td
                  key={i}
                  className={cn(
                    "text-right tabular-nums",
                    row.best.includes(i) && "bg-success/15 font-semibold text-success",
                    row.best.includes(i) && row.name === primary && "ring-2 ring-success ring-inset",
                  )}
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
