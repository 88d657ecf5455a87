"use client";

import { type Comparison, improvement, inReadingOrder, metricLabel } from "@roundhouse/contracts";
import { Table, Td, Th } from "@/components/ui/table";
import { CurveChart } from "@/features/runs/components/curve-chart";
import { cn } from "@/lib/cn";
import { formatDelta, formatMetric } from "@/lib/metric-format";

/** Champion and challenger side by side on the same holdout rows, with deltas and curves. */
export function ComparisonView({ comparison, alias }: { comparison: Comparison; alias: string }) {
  if (comparison.error) return <p className="text-sm text-danger">{comparison.error}</p>;
  const { challenger, champion, deltas } = comparison;
  if (!challenger) return null;
  const metrics = inReadingOrder(Object.keys(challenger.metrics));
  const curves = (key: "roc" | "pr") =>
    [
      { label: `v${challenger.version} (candidate)`, points: challenger[key] ?? [] },
      ...(champion?.[key] ? [{ label: `v${champion.version} (${alias} now)`, points: champion[key] ?? [] }] : []),
    ].filter((c) => c.points.length);
  return (
    <div className="flex flex-col gap-4" data-testid="comparison">
      <p className="text-sm text-muted">
        Scored on {comparison.rows?.toLocaleString("en-US")} of {comparison.holdoutRows?.toLocaleString("en-US")} holdout rows of{" "}
        {comparison.dataset} (the candidate's split), the same rows for both.
        {!champion && ` No version holds "${alias}" yet, so there is nothing to compare against.`}
        {comparison.note && ` ${comparison.note}`}
      </p>
      <Table>
        <thead>
          <tr>
            <Th>Metric</Th>
            <Th className="text-right">v{challenger.version} (candidate)</Th>
            {champion && (
              <Th className="text-right">
                v{champion.version} ({alias} now)
              </Th>
            )}
            {champion && <Th className="text-right">Δ</Th>}
          </tr>
        </thead>
        <tbody>
          {metrics.map((m) => {
            const d = deltas?.[m];
            const sign = d === undefined ? 0 : improvement(m, 0, d);
            return (
              <tr key={m}>
                <Td title={m}>{metricLabel(m)}</Td>
                <Td className="text-right tabular-nums">{formatMetric(challenger.metrics[m])}</Td>
                {champion && <Td className="text-right tabular-nums">{formatMetric(champion.metrics[m])}</Td>}
                {champion && (
                  <Td
                    className={cn("text-right tabular-nums font-medium", sign > 0 && "text-success", sign < 0 && "text-danger")}
                    data-testid={`delta-${m}`}
                  >
                    {d === undefined ? "—" : formatDelta(d)}
                  </Td>
                )}
              </tr>
            );
          })}
        </tbody>
      </Table>
      {challenger.roc && (
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-semibold">ROC</h3>
            <CurveChart curves={curves("roc")} xLabel="False positive rate" yLabel="True positive rate" diagonal testId="comparison-roc" />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold">Precision–recall</h3>
            <CurveChart curves={curves("pr")} xLabel="Recall" yLabel="Precision" testId="comparison-pr" />
          </div>
        </div>
      )}
    </div>
  );
}
