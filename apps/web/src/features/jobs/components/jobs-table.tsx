"use client";

import { type JobDto, trainerOf } from "@roundhouse/contracts";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { KeyMetricCell } from "@/components/ui/key-metric-cell";
import { LocalTime } from "@/components/ui/local-time";
import { ProgressBar } from "@/components/ui/progress-bar";
import { SortableTh } from "@/components/ui/sortable-th";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDuration, jobDuration, STATUS_TONE } from "../lib/job-format";

export function JobsTable({
  jobs,
  selected,
  onToggle,
  sort,
  onSort,
}: {
  jobs: JobDto[];
  selected: string[];
  onToggle: (runId: string, on: boolean) => void;
  sort: string;
  onSort: (sort: string) => void;
}) {
  return (
    <Table>
      <thead>
        <tr>
          <Th className="w-8">
            <span className="sr-only">Compare</span>
          </Th>
          <SortableTh column="name" sort={sort} onSort={onSort}>
            Job
          </SortableTh>
          <SortableTh column="status" sort={sort} onSort={onSort}>
            Status
          </SortableTh>
          <Th>Dataset</Th>
          <Th>Algorithm</Th>
          <SortableTh column="metric" sort={sort} onSort={onSort} first="desc" className="text-right">
            Key metric
          </SortableTh>
          <Th>Owner</Th>
          <Th>Host</Th>
          <SortableTh column="duration" sort={sort} onSort={onSort} className="text-right">
            Duration
          </SortableTh>
          <SortableTh column="submitted" sort={sort} onSort={onSort} first="desc">
            Submitted
          </SortableTh>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => {
          const duration = jobDuration(j);
          const dataset = j.datasetVersions[0];
          const runId = j.run?.metrics ? j.run.id : null;
          return (
            <tr key={j.id} className="hover:bg-surface-muted/50">
              <Td>
                {runId && (
                  <input
                    type="checkbox"
                    aria-label={`compare ${j.name}`}
                    checked={selected.includes(runId)}
                    onChange={(e) => onToggle(runId, e.target.checked)}
                    className="size-4 accent-[var(--accent)]"
                  />
                )}
              </Td>
              <Td>
                <Link href={`/jobs/${j.id}`} className="whitespace-nowrap font-medium text-accent hover:underline">
                  {j.name}
                </Link>
                <div className="flex flex-wrap items-center gap-1">
                  <span className="font-mono text-xs text-muted">{j.id.slice(0, 8)}</span>
                  {j.spec.metadata.tags.map((t) => (
                    <Badge key={t}>{t}</Badge>
                  ))}
                </div>
              </Td>
              <Td className="min-w-36">
                <Badge tone={STATUS_TONE[j.status]}>{j.status}</Badge>
                {j.status === "running" && j.progress && (
                  <div className="mt-1 flex flex-col gap-1">
                    <ProgressBar value={j.progress.fraction} label={`${j.name} progress`} />
                    <span className="text-xs text-muted">{j.progress.message}</span>
                  </div>
                )}
                {j.error && <div className="mt-1 line-clamp-2 max-w-xs text-xs text-danger">{j.error.message}</div>}
              </Td>
              <Td>
                {dataset ? (
                  <Link href={`/datasets/${dataset.datasetId}`} className="whitespace-nowrap hover:underline">
                    {dataset.datasetName} <span className="text-muted">v{dataset.version}</span>
                  </Link>
                ) : (
                  "–"
                )}
              </Td>
              <Td>
                {trainerOf(j.spec)}
                {j.kind === "sweep" && <span className="text-xs text-muted"> · sweep</span>}
              </Td>
              <KeyMetricCell metrics={j.run?.metrics} />
              <Td className="text-muted" title={j.owner}>
                {j.owner.split("@")[0]}
              </Td>
              <Td className="whitespace-nowrap font-mono text-xs text-muted">{j.workerHost ?? "–"}</Td>
              <Td className="whitespace-nowrap text-right tabular-nums text-muted" suppressHydrationWarning>
                {duration === null ? "–" : formatDuration(duration)}
              </Td>
              <Td className="text-muted">
                <LocalTime iso={j.createdAt} />
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
