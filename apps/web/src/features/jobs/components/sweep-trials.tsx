"use client";

import { isScoringSpec, type JobDto } from "@roundhouse/contracts";
import Link from "next/link";
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { axisTick, tooltipStyle } from "@/lib/chart-style";
import { formatMetric } from "@/lib/metric-format";
import { STATUS_TONE } from "../lib/job-format";

/** A sweep's trials, best first, and the objective against each parameter it varied. */
export function SweepTrials({ job }: { job: JobDto }) {
  const sweep = isScoringSpec(job.spec) ? undefined : job.spec.train.sweep;
  const trials = job.trials ?? [];
  if (!sweep) return null;
  const metric = sweep.objective.metric;
  const varied = Object.keys(sweep.params);
  const scored = trials.filter((t) => t.metrics?.[metric] !== undefined);
  const runIds = trials.flatMap((t) => (t.runId ? [t.runId] : [])).slice(0, 20);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted">
          {trials.length} trials, {sweep.objective.direction} {metric}; {scored.length} finished.
        </p>
        {runIds.length >= 2 && (
          <ButtonLink variant="secondary" size="sm" href={`/runs/compare?ids=${runIds.join(",")}`}>
            Compare {runIds.length} trials
          </ButtonLink>
        )}
      </div>
      {scored.length > 0 && (
        <div className="grid gap-4 md:grid-cols-2">
          {varied.map((param) => (
            <Card key={param} className="p-4">
              <h3 className="mb-2 text-sm font-semibold">
                {metric} vs {param}
              </h3>
              <div className="h-52" data-testid={`sweep-chart-${param}`}>
                <ResponsiveContainer width="100%" height="100%">
                  <ScatterChart margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
                    <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
                    <XAxis dataKey="x" type="number" name={param} tick={axisTick} domain={["auto", "auto"]} />
                    <YAxis
                      dataKey="y"
                      type="number"
                      name={metric}
                      tick={axisTick}
                      width={56}
                      domain={["auto", "auto"]}
                      tickFormatter={(v) => Number(v).toFixed(3)}
                    />
                    <Tooltip contentStyle={tooltipStyle} />
                    <Scatter
                      data={scored.map((t) => ({ x: Number(t.params[param]), y: t.metrics?.[metric] }))}
                      fill="var(--accent)"
                      isAnimationActive={false}
                    />
                  </ScatterChart>
                </ResponsiveContainer>
              </div>
            </Card>
          ))}
        </div>
      )}
      <Table aria-label="Trials">
        <thead>
          <tr>
            <Th>Trial</Th>
            <Th>Status</Th>
            {varied.map((p) => (
              <Th key={p}>{p}</Th>
            ))}
            <Th>{metric}</Th>
          </tr>
        </thead>
        <tbody>
          {trials.map((t, i) => (
            <tr key={t.id}>
              <Td>
                <Link href={`/jobs/${t.id}`} className="text-accent hover:underline">
                  {t.name}
                </Link>
                {i === 0 && scored.length > 0 && t.metrics && (
                  <span className="ml-2">
                    <Badge tone="success">best</Badge>
                  </span>
                )}
              </Td>
              <Td>
                <Badge tone={STATUS_TONE[t.status as keyof typeof STATUS_TONE] ?? "neutral"}>{t.status}</Badge>
              </Td>
              {varied.map((p) => (
                <Td key={p} className="tabular-nums">
                  {String(t.params[p])}
                </Td>
              ))}
              <Td className="tabular-nums">{formatMetric(t.metrics?.[metric])}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
