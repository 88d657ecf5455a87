"use client";

import { metricLabel } from "@roundhouse/contracts";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import { keyMetric } from "@/features/jobs/lib/job-format";

export interface RunSummary {
  id: string;
  jobId: string;
  jobName: string;
  algorithm: string;
  task: string;
  metrics: Record<string, number> | null;
  createdAt: string;
}

/** Recent finished runs with checkboxes: tick 2 to 20 and open the comparison. */
export function RunsPicker({ runs, preselected }: { runs: RunSummary[]; preselected: string[] }) {
  const [selected, setSelected] = useState<string[]>(preselected);
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id].slice(-20) : s.filter((x) => x !== id)));
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-end gap-3">
        <span className="text-sm text-muted">{selected.length} selected</span>
        {selected.length >= 2 ? (
          <ButtonLink href={`/runs/compare?ids=${selected.join(",")}`}>Compare {selected.length} runs</ButtonLink>
        ) : (
          <span className="text-sm text-muted">Tick at least 2 runs</span>
        )}
      </div>
      <Table aria-label="Runs">
        <thead>
          <tr>
            <Th className="w-8">
              <span className="sr-only">Select</span>
            </Th>
            <Th>Job</Th>
            <Th>Algorithm</Th>
            <Th>Task</Th>
            <Th>Key metric</Th>
            <Th>Finished</Th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const metric = keyMetric(r.metrics);
            return (
              <tr key={r.id}>
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`select ${r.jobName} ${r.id.slice(0, 4)}`}
                    checked={selected.includes(r.id)}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                    className="size-4 accent-[var(--accent)]"
                  />
                </Td>
                <Td>
                  <Link href={`/jobs/${r.jobId}`} className="font-medium text-accent hover:underline">
                    {r.jobName}
                  </Link>
                  <div className="font-mono text-xs text-muted">run {r.id.slice(0, 8)}</div>
                </Td>
                <Td>{r.algorithm}</Td>
                <Td>
                  <Badge>{r.task}</Badge>
                </Td>
                <Td className="tabular-nums">{metric ? `${metricLabel(metric.name)} ${metric.value.toFixed(4)}` : "–"}</Td>
                <Td className="text-muted">
                  <LocalTime iso={r.createdAt} />
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
