import type { JobDto } from "@roundhouse/contracts";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";

const TONE = { queued: "neutral", running: "accent", succeeded: "success", failed: "danger", cancelled: "warning" } as const;

/** The latest jobs as the server saw them when the page loaded (the live page comes with the dashboard issue). */
export function JobsTable({ jobs }: { jobs: JobDto[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Job</Th>
          <Th>Status</Th>
          <Th>Algorithm</Th>
          <Th>Key metric</Th>
          <Th>Model</Th>
          <Th>Owner</Th>
          <Th>Submitted</Th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => {
          const metrics = j.run?.metrics ?? {};
          const key = ["auc", "accuracy", "rmse"].find((m) => m in metrics);
          return (
            <tr key={j.id}>
              <Td>
                <div className="font-medium">{j.name}</div>
                <div className="font-mono text-xs text-muted">{j.id.slice(0, 8)}</div>
              </Td>
              <Td>
                <Badge tone={TONE[j.status]}>{j.status}</Badge>
                {j.progress && j.status === "running" && (
                  <div className="text-xs text-muted">
                    {Math.round(j.progress.fraction * 100)}% {j.progress.message}
                  </div>
                )}
                {j.error && <div className="max-w-xs text-xs text-danger">{j.error.message}</div>}
              </Td>
              <Td>
                {j.spec.train.algorithm}
                {j.kind === "sweep" && <span className="text-xs text-muted"> · sweep</span>}
              </Td>
              <Td className="tabular-nums">{key ? `${key} ${Number(metrics[key]).toFixed(4)}` : "–"}</Td>
              <Td>{j.run?.modelVersion ? `${j.run.modelVersion.model} v${j.run.modelVersion.version}` : "–"}</Td>
              <Td className="text-muted">{j.owner}</Td>
              <Td className="whitespace-nowrap text-muted">{new Date(j.createdAt).toLocaleString()}</Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
