"use client";

import { type JobDto, metricLabel } from "@roundhouse/contracts";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDuration, jobDuration, keyMetric, STATUS_TONE } from "../lib/job-format";

export function JobsTable({
  jobs,
  selected,
  onToggle,
}: {
  jobs: JobDto[];
  selected: string[];
  onToggle: (runId: string, on: boolean) => void;
}) {
  return (
    <Table>
      <thead>
        <tr>
          <Th className="w-8">
            <span className="sr-only">Compare</span>
          </Th>
          <Th>Job</Th>
          <Th>Status</Th>
          <Th>Dataset</Th>
          <Th>Algorithm</Th>
          <Th>Key metric</Th>
          <Th>Owner</Th>
          <Th>Duration</Th>
          <Th>Submitted</Th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => {
          const metric = keyMetric(j.run?.metrics);
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
                <div className="font-mono text-xs text-muted">{j.id.slice(0, 8)}</div>
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
                {j.spec.train.algorithm}
                {j.kind === "sweep" && <span className="text-xs text-muted"> · sweep</span>}
              </Td>
              <Td className="tabular-nums">{metric ? `${metricLabel(metric.name)} ${metric.value.toFixed(4)}` : "–"}</Td>
              <Td className="text-muted" title={j.owner}>
                {j.owner.split("@")[0]}
              </Td>
              <Td className="whitespace-nowrap tabular-nums text-muted" suppressHydrationWarning>
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
