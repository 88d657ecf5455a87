"use client";

import type { DriftReport, LivePerformance, MonitoringWindow } from "@roundhouse/contracts";
import { formatMetric, metricLabel } from "@roundhouse/contracts";
import { useState } from "react";
import { Panel } from "@/components/ui/panel";
import { useDrift } from "../hooks/use-drift";
import { useLivePerformance } from "../hooks/use-live-performance";
import { DriftAlerts } from "./drift-alerts";
import { DriftChart } from "./drift-chart";
import { FeatureDriftTable } from "./feature-drift-table";
import { LivePerformanceChart } from "./live-performance-chart";
import { OutcomesFromDatasetForm } from "./outcomes-from-dataset-form";
import { PredictionDistributionChart } from "./prediction-distribution-chart";

const RANGES = { hour: 2, day: 30 } as const;

export function MonitoringTab({
  model,
  initial,
  canRecordOutcomes,
}: {
  model: string;
  initial: { drift: DriftReport; performance: LivePerformance };
  /** Whoever may call predict may also say what really happened. */
  canRecordOutcomes: boolean;
}) {
  const [window, setWindow] = useState<MonitoringWindow>("hour");
  const days = RANGES[window];
  const first = window === "hour";
  const drift = useDrift(model, window, days, first ? initial.drift : undefined).data ?? initial.drift;
  const performance = useLivePerformance(model, window, days, first ? initial.performance : undefined).data ?? initial.performance;
  const version = drift.modelVersion;
  const decisions = drift.windows.reduce((s, w) => s + w.decisions, 0);
  return (
    <div className="flex flex-col gap-4" data-testid="monitoring-tab">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p>
          {version ? (
            <>
              Watching <span className="font-semibold">v{version.version}</span>: {decisions.toLocaleString("en-US")} decisions in the last{" "}
              {window === "hour" ? "48 hours" : "30 days"}, counted as they are logged.
            </>
          ) : (
            "No version to watch yet."
          )}
        </p>
        <fieldset className="flex gap-3">
          <legend className="sr-only">Window</legend>
          {(["hour", "day"] as const).map((w) => (
            <label key={w} className="flex items-center gap-1">
              <input type="radio" name="window" checked={window === w} onChange={() => setWindow(w)} /> by {w}
            </label>
          ))}
        </fieldset>
      </div>
      {version && !drift.profiled && (
        <p className="text-sm text-muted">
          v{version.version} was trained before Roundhouse kept training profiles, so its drift cannot be measured; a retrained version will
          have one.
        </p>
      )}
      {drift.profiled && (
        <>
          <Panel title="Drift alerts">
            <DriftAlerts alerts={drift.alerts} />
          </Panel>
          <Panel title="Feature drift (PSI against the training bins)">
            {drift.windows.length ? <DriftChart report={drift} /> : <p className="text-sm text-muted">No decisions in this range yet.</p>}
          </Panel>
          <FeatureDriftTable report={drift} />
          <div className="grid gap-4 lg:grid-cols-2">
            <Panel title="Predictions: served against the holdout">
              <PredictionDistributionChart prediction={drift.prediction} />
            </Panel>
            <Panel title={`Live performance (${metricLabel(performance.metric)})`}>
              {performance.outcomes ? (
                <>
                  <p className="mb-2 text-sm">
                    {formatMetric(performance.overall)} on {performance.outcomes.toLocaleString("en-US")} decisions with outcomes; holdout{" "}
                    {formatMetric(performance.holdout)}.
                  </p>
                  <LivePerformanceChart performance={performance} />
                </>
              ) : (
                <p className="text-sm text-muted">
                  No outcomes yet. Send the true values with <code>POST /api/v1/models/{model}/outcomes</code> (by decision id or a join
                  key), or read them from an outcome dataset.
                </p>
              )}
            </Panel>
          </div>
          {canRecordOutcomes && (
            <Panel title="Outcomes from a dataset">
              <OutcomesFromDatasetForm model={model} />
            </Panel>
          )}
        </>
      )}
    </div>
  );
}
