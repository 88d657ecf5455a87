"use client";

import type { RetrainingRunDto } from "@roundhouse/contracts";
import { RefreshCw } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import { OUTCOME_LOOK, TRIGGER_LABEL } from "../lib/outcome";

/** Every run of the policy, newest first: what started it, on which data, and what came of it. */
export function RetrainingRuns({ model, runs }: { model: string; runs: RetrainingRunDto[] }) {
  if (runs.length === 0)
    return (
      <EmptyState icon={RefreshCw} title="No retraining runs yet">
        Runs appear here when new data arrives, the schedule is due, or someone runs the policy.
      </EmptyState>
    );
  return (
    <Table data-testid="retraining-runs">
      <thead>
        <tr>
          <Th>Started</Th>
          <Th>Trigger</Th>
          <Th>Data</Th>
          <Th>Version</Th>
          <Th>Outcome</Th>
          <Th>Why</Th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            <Td className="whitespace-nowrap">
              <LocalTime iso={r.firedAt} />
            </Td>
            <Td className="whitespace-nowrap">{TRIGGER_LABEL[r.trigger]}</Td>
            <Td className="whitespace-nowrap font-mono text-xs">
              {r.datasetVersions.map((d) => `${d.datasetName} v${d.version}`).join(", ") || "–"}
            </Td>
            <Td className="whitespace-nowrap">
              {r.modelVersion ? (
                <Link className="text-accent-strong hover:underline" href={`/models/${encodeURIComponent(model)}`}>
                  v{r.modelVersion}
                </Link>
              ) : (
                "–"
              )}
              {r.jobId && (
                <Link className="ml-2 text-xs text-muted hover:underline" href={`/jobs/${r.jobId}`}>
                  job
                </Link>
              )}
            </Td>
            <Td>
              <Badge tone={OUTCOME_LOOK[r.outcome].tone}>{OUTCOME_LOOK[r.outcome].label}</Badge>
            </Td>
            <Td className="max-w-xl text-xs">
              {r.reason || (r.outcome === "running" ? `Training (job ${r.jobStatus ?? "submitting"})…` : "")}
              {r.promotionRequestId && (
                <Link className="ml-1 font-medium text-accent-strong hover:underline" href={`/approvals/${r.promotionRequestId}`}>
                  Open the request
                </Link>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
