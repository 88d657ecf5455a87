import type { DriftAlert } from "@roundhouse/contracts";
import { LocalTime } from "@/components/ui/local-time";
import { measureLabel } from "../lib/window-label";

/** Alerts, newest first: each is also in the audit trail as "Drift alert raised". */
export function DriftAlerts({ alerts }: { alerts: DriftAlert[] }) {
  if (!alerts.length)
    return <p className="text-sm text-muted">No alerts: every window with enough decisions stayed under the thresholds.</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="drift-alerts">
      {alerts.slice(0, 10).map((a) => (
        <li key={a.id} role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm">
          <span className="font-semibold">{a.feature}</span>: {measureLabel(a.measure)}{" "}
          {a.measure === "psi" ? a.value.toFixed(3) : `${(a.value * 100).toFixed(1)}%`} over{" "}
          {a.measure === "psi" ? a.threshold.toFixed(2) : `${(a.threshold * 100).toFixed(1)}%`} in the hour from{" "}
          <LocalTime iso={a.windowStart} /> ({a.decisions.toLocaleString("en-US")} decisions, v{a.version})
        </li>
      ))}
    </ul>
  );
}
