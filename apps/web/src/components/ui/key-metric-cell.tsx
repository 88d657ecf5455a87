import { metricLabel } from "@roundhouse/contracts";
import { keyMetric } from "@/lib/metric-format";
import { Td } from "./table";

/** A table cell with a run's headline metric: its label small, its value aligned with the column's. */
export function KeyMetricCell({ metrics }: { metrics: Record<string, number> | null | undefined }) {
  const metric = keyMetric(metrics);
  return (
    <Td className="whitespace-nowrap text-right tabular-nums">
      {metric ? (
        <>
          <span className="text-xs text-muted">{metricLabel(metric.name)}</span> {metric.value.toFixed(4)}
        </>
      ) : (
        "–"
      )}
    </Td>
  );
}
