"use client";

import { importanceMeasure, type RunDetail } from "@roundhouse/contracts";
import { useState } from "react";
import { Panel } from "@/components/ui/panel";
import { Select } from "@/components/ui/select";
import { numericFields } from "../lib/compare-rows";
import { CompareTable } from "./compare-table";
import { CurveChart } from "./curve-chart";
import { ImportanceChart } from "./importance-chart";
import { LossChart } from "./loss-chart";
import { ParallelCoordinates } from "./parallel-coordinates";
import { RunScatter } from "./run-scatter";

/** Two to twenty runs side by side: table, overlaid curves, parameters against a metric. */
export function CompareView({ runs }: { runs: RunDetail[] }) {
  // Jobs are often cloned under the same name; the short run id keeps labels apart.
  const labels = runs.map((r) => `${r.jobName} · ${r.id.slice(0, 4)}`);
  const { metrics, params } = numericFields(runs);
  const [metric, setMetric] = useState(metrics[0] ?? "");
  const binary = runs.filter((r) => r.evaluation?.curves);
  const loss = runs.map((r, i) => ({ label: labels[i] as string, points: r.series.valid_loss ?? r.series.train_loss ?? [] }));

  return (
    <div className="flex flex-col gap-4">
      <CompareTable runs={runs} labels={labels} />
      <div className="grid gap-4 lg:grid-cols-2">
        {binary.length > 0 && (
          <>
            <Panel title="ROC curves">
              <CurveChart
                testId="compare-roc"
                curves={binary.map((r) => ({ label: labels[runs.indexOf(r)] as string, points: r.evaluation?.curves?.roc ?? [] }))}
                xLabel="false positive rate"
                yLabel="true positive rate"
                diagonal
              />
            </Panel>
            <Panel title="Precision-recall curves">
              <CurveChart
                testId="compare-pr"
                curves={binary.map((r) => ({ label: labels[runs.indexOf(r)] as string, points: r.evaluation?.curves?.pr ?? [] }))}
                xLabel="recall"
                yLabel="precision"
              />
            </Panel>
          </>
        )}
        <Panel title="Loss per iteration (validation when recorded, else train)">
          <LossChart series={loss} height={256} />
        </Panel>
        <Panel title="Two metrics or parameters">
          <RunScatter runs={runs} labels={labels} metrics={metrics} params={params} />
        </Panel>
        {params.length > 0 && metric && (
          <Panel title="Parameters against a metric" className="lg:col-span-2">
            <div className="mb-3 w-56">
              <Select label="Metric" value={metric} onChange={(e) => setMetric(e.target.value)}>
                {metrics.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </Select>
            </div>
            <ParallelCoordinates runs={runs} labels={labels} axes={params} metric={metric} />
          </Panel>
        )}
        <Panel
          title={`Feature importance (${[...new Set(runs.map((r) => importanceMeasure(r.algorithm)))].join("; ")})`}
          className="lg:col-span-2"
        >
          <ImportanceChart sets={runs.map((r, i) => ({ label: labels[i] as string, importances: r.importances ?? [] }))} />
        </Panel>
      </div>
    </div>
  );
}
