import type { DriftReport } from "@roundhouse/contracts";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The latest window, feature by feature: what moved, what went missing, what the model never saw. */
export function FeatureDriftTable({ report }: { report: DriftReport }) {
  const t = report.thresholds;
  const latest = report.windows[report.windows.length - 1];
  if (!latest) return null;
  const rows = [...latest.features].sort((a, b) => b.psi - a.psi);
  return (
    <Table data-testid="feature-drift">
      <caption className="sr-only">Drift by feature in the latest window</caption>
      <thead>
        <tr>
          <Th>Feature</Th>
          <Th className="text-right">PSI</Th>
          <Th className="text-right">Missing (training)</Th>
          <Th className="text-right">Unseen categories</Th>
          <Th>Reading</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((f) => {
          const shifted = f.psi > t.psi;
          const missing = f.missingRate - f.trainingMissingRate > t.missingRateRise;
          const unseen = f.unseenRate > t.unseenRate;
          return (
            <tr key={f.name}>
              <Td className="font-medium">{f.name}</Td>
              <Td className="text-right tabular-nums">{f.psi.toFixed(3)}</Td>
              <Td className="text-right tabular-nums">
                {pct(f.missingRate)} <span className="text-muted">({pct(f.trainingMissingRate)})</span>
              </Td>
              <Td className="text-right tabular-nums">{pct(f.unseenRate)}</Td>
              <Td>
                {shifted || missing || unseen ? (
                  <Badge tone="danger">
                    {[shifted && "shifted", missing && "more missing", unseen && "new categories"].filter(Boolean).join(", ")}
                  </Badge>
                ) : f.psi > 0.1 ? (
                  <Badge tone="warning">moderate shift</Badge>
                ) : (
                  <Badge tone="success">stable</Badge>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
