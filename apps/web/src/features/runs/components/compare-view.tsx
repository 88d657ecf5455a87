"use client";

import { importanceMeasure, metricLabel, type RunDetail } from "@roundhouse/contracts";
import { Panel } from "@/components/ui/panel";
import { useUrlState } from "@/lib/use-url-state";
import { numericFields } from "../lib/compare-rows";
import { primaryMetric, runLabel, verdictOn } from "../lib/verdict";
import { CompareTable } from "./compare-table";
import { CompareVerdict } from "./compare-verdict";
import { CurveChart } from "./curve-chart";
import { ImportanceChart } from "./importance-chart";
import { LossChart } from "./loss-chart";
import { ParallelCoordinates } from "./parallel-coordinates";
import { RunScatter } from "./run-scatter";

/**
 * Two to twenty runs side by side: the winner on a primary metric, the table, overlaid curves,
 * parameters against the metric. Every choice on the page is in its URL, so a link shows the same.
 */
export function CompareView({ runs }: { runs: RunDetail[] }) {
  const { query, set } = useUrlState();
  const labels = runs.map(runLabel);
  const { metrics, params } = numericFields(runs);
  const metric = primaryMetric(runs, query.metric, metrics);
  const verdict = verdictOn(runs, metric);
  const binary = runs.filter((r) => r.evaluation?.curves);
  const loss = runs.map((r, i) => ({ label: labels[i] as string, points: r.series.valid_loss ?? r.series.train_loss ?? [] }));

  return (
    <div className="flex flex-col gap-4">
      <CompareVerdict runs={runs} labels={labels} metrics={metrics} verdict={verdict} onMetric={(m) => set({ metric: m })} />
      <CompareTable
        runs={runs}
        labels={labels}
        primary={metric}
        onlyDifferences={query.diff === "1"}
        onOnlyDifferences={(on) => set({ diff: on ? "1" : undefined })}
      />
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
          <RunScatter
            runs={runs}
            labels={labels}
            metrics={[metric, ...metrics.filter((m) => m !== metric)]}
            params={params}
            x={query.x}
            y={query.y}
            onAxes={set}
          />
        </Panel>
        {params.length > 0 && metric && (
          <Panel title={`Parameters against ${metricLabel(metric)}`} className="lg:col-span-2">
            <ParallelCoordinates runs={runs} labels={labels} axes={params} metric={metric} />
          </Panel>
        )}
        <Panel title={`Feature importance${measured(runs)}`} className="lg:col-span-2">
          <ImportanceChart sets={runs.map((r, i) => ({ label: labels[i] as string, importances: r.importances ?? [] }))} />
        </Panel>
      </div>
    </div>
  );
}

/** The measures of the runs' importances, as " (share of gain; …)", or "" when none has any. */
function measured(runs: RunDetail[]): string {
  const measures = [...new Set(runs.map((r) => importanceMeasure(r.algorithm, r.importances)))].filter(Boolean);
  return measures.length ? ` (${measures.join("; ")})` : "";
}
