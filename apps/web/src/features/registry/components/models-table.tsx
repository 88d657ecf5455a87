import { headlineMetric, type ModelSummary } from "@roundhouse/contracts";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import { formatMetric } from "@/lib/metric-format";

export function ModelsTable({ models }: { models: ModelSummary[] }) {
  return (
    <Table data-testid="models-table">
      <thead>
        <tr>
          <Th>Model</Th>
          <Th>Task</Th>
          <Th>Aliases</Th>
          <Th className="text-right">Versions</Th>
          <Th className="text-right">Latest</Th>
          <Th>Owner</Th>
          <Th>Updated</Th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => {
          const metric = headlineMetric(m.task);
          return (
            <tr key={m.name}>
              <Td>
                <Link href={`/models/${encodeURIComponent(m.name)}`} className="font-medium text-accent-strong hover:underline">
                  {m.name}
                </Link>
                {m.pendingRequests > 0 && (
                  <span className="ml-2">
                    <Badge tone="warning">{m.pendingRequests} pending</Badge>
                  </span>
                )}
                {m.description && <p className="text-xs text-muted">{m.description}</p>}
              </Td>
              <Td>{m.task ?? "—"}</Td>
              <Td>
                <div className="flex flex-wrap gap-1">
                  {Object.entries(m.aliases).map(([alias, version]) => (
                    <Badge key={alias} tone={alias === "production" ? "success" : "accent"}>
                      {alias} → v{version}
                    </Badge>
                  ))}
                  {Object.keys(m.aliases).length === 0 && <span className="text-muted">none</span>}
                </div>
              </Td>
              <Td className="text-right tabular-nums">{m.versions}</Td>
              <Td className="text-right tabular-nums">
                v{m.latestVersion} · {metric} {formatMetric(m.latestMetrics?.[metric])}
              </Td>
              <Td className="text-muted">{m.owner}</Td>
              <Td className="text-muted">
                <LocalTime iso={m.updatedAt} />
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
