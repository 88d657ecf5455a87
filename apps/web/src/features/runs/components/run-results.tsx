"use client";

import { importanceMeasure, inReadingOrder, METRICS, metricLabel, metricsOfTask, type RunDetail } from "@roundhouse/contracts";
import { Card } from "@/components/ui/card";
import { Panel } from "@/components/ui/panel";
import { formatMetric } from "@/lib/metric-format";
import { ConfusionMatrix } from "./confusion-matrix";
import { CurveChart } from "./curve-chart";
import { ImportanceChart } from "./importance-chart";
import { ResidualChart } from "./residual-chart";

/** Everything measured on the holdout after a run finished. */
export function RunResults({ run }: { run: RunDetail }) {
  const e = run.evaluation;
  const curves = e?.curves;
  const measure = importanceMeasure(run.algorithm, run.importances);
  // A holdout can leave a metric undefined (ROC AUC when every row has one class): the run has none.
  const undefinedMetrics = run.metrics ? metricsOfTask(run.task).filter((name) => !(name in (run.metrics ?? {}))) : [];
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6" aria-label="Holdout metrics">
        {inReadingOrder(Object.keys(run.metrics ?? {})).map((name) => (
          <Card key={name} className="px-3 py-2">
            <dt className="text-xs text-muted" title={METRICS[name]?.description ?? name}>
              {metricLabel(name)}
            </dt>
            <dd className="text-lg font-semibold tabular-nums">{formatMetric(run.metrics?.[name])}</dd>
          </Card>
        ))}
      </dl>
      {undefinedMetrics.length > 0 && (
        <p className="text-sm text-muted" data-testid="undefined-metrics">
          {undefinedMetrics.map(metricLabel).join(" and ")} {undefinedMetrics.length === 1 ? "is" : "are"} not defined on this holdout (its
          rows have too few of the labels, as the job's log says), so the curves that need them are empty.
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {curves && (
          <>
            <Panel heading="h3" title="ROC curve">
              <CurveChart
                testId="roc-chart"
                curves={[{ label: "ROC", points: curves.roc }]}
                xLabel="false positive rate"
                yLabel="true positive rate"
                diagonal
              />
            </Panel>
            <Panel heading="h3" title="Precision-recall curve">
              <CurveChart testId="pr-chart" curves={[{ label: "PR", points: curves.pr }]} xLabel="recall" yLabel="precision" />
            </Panel>
            <Panel heading="h3" title="Calibration">
              <CurveChart
                testId="calibration-chart"
                curves={[
                  {
                    label: "observed",
                    points: curves.calibration
                      .filter((b) => b.predicted !== null)
                      .map((b) => ({ x: b.predicted as number, y: b.observed as number })),
                  },
                ]}
                xLabel="predicted probability"
                yLabel="observed frequency"
                diagonal
              />
            </Panel>
          </>
        )}
        {e?.confusion !== undefined && (
          <Panel heading="h3" title="Confusion matrix">
            <ConfusionMatrix evaluation={e} />
          </Panel>
        )}
        {e?.residuals && (
          <Panel heading="h3" title="Residuals">
            <ResidualChart points={e.residuals} />
          </Panel>
        )}
        <Panel heading="h3" title={`Feature importance${measure ? ` (${measure})` : ""}`} className={curves ? "lg:col-span-2" : undefined}>
          <ImportanceChart sets={[{ label: "importance", importances: run.importances ?? [] }]} />
        </Panel>
      </div>
    </div>
  );
}
