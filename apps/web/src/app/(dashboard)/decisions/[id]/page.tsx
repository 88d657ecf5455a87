import { IdParamSchema } from "@roundhouse/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { Table, Td, Th } from "@/components/ui/table";
import { requirePageUser } from "@/features/auth/server/caller";
import { ReasonsChart } from "@/features/decisions/components/reasons-chart";
import { getDecision } from "@/features/decisions/server/decisions";
import { orNotFound } from "@/server/or-not-found";

export const metadata: Metadata = { title: "Decision" };

export default async function DecisionPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser();
  const { id } = await params;
  if (!IdParamSchema.safeParse({ id }).success) notFound();
  const d = await orNotFound(getDecision(id));
  const { lineage } = d;
  const model = lineage.model.name;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/decisions" className="text-muted hover:underline">
          ← Decisions
        </Link>
      </p>
      <PageHeader
        title={`Decision ${d.id.slice(0, 8)}`}
        description={`${model} v${lineage.modelVersion.version}${d.alias ? ` (${d.alias})` : ""} for ${d.caller}`}
        actions={<Badge tone="accent">{String(d.output.prediction)}</Badge>}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Output">
          <p className="text-2xl font-semibold" data-testid="decision-output">
            {String(d.output.prediction)}
          </p>
          {d.output.probabilities && (
            <ul className="mt-2 flex flex-col gap-1 text-sm">
              {Object.entries(d.output.probabilities).map(([c, p]) => (
                <li key={c} className="flex items-center gap-2">
                  <span className="w-20 text-muted">{c}</span>
                  <span className="h-2 rounded bg-accent" style={{ width: `${Math.round(p * 160)}px` }} aria-hidden />
                  <span className="tabular-nums">{(p * 100).toFixed(1)}%</span>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-xs text-muted">
            <LocalTime iso={d.at} /> · request {d.requestId} · id <span className="font-mono">{d.id}</span>
          </p>
        </Panel>
        <Panel title="Top reasons">
          {d.reasons.length ? (
            <>
              <p className="mb-2 text-xs text-muted" data-testid="reasons-caption">
                {reasonsCaption(d.output)}
              </p>
              <ReasonsChart reasons={d.reasons} />
            </>
          ) : (
            <p className="text-sm text-muted">No reasons were asked for.</p>
          )}
        </Panel>
        {d.warnings.length > 0 && (
          <Panel title="Warnings">
            <ul className="flex flex-col gap-1 text-sm" data-testid="decision-warnings">
              {d.warnings.map((w) => (
                <li key={w.feature}>
                  <Badge tone="warning">{w.feature}</Badge> {w.message}
                </li>
              ))}
            </ul>
          </Panel>
        )}
        <Panel title="Input">
          <Table>
            <thead>
              <tr>
                <Th>Feature</Th>
                <Th>Value</Th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(d.input).map(([k, v]) => (
                <tr key={k}>
                  <Td>{k}</Td>
                  <Td className="font-mono text-xs">{JSON.stringify(v)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Panel>
        <Panel title="Lineage">
          <ol className="flex flex-col gap-2 text-sm" data-testid="lineage">
            <li>
              Model version:{" "}
              <Link href={`/models/${encodeURIComponent(model)}`} className="text-accent-strong hover:underline">
                {model} v{lineage.modelVersion.version}
              </Link>
              <span className="ml-1 font-mono text-xs text-muted">model file {lineage.modelVersion.artifactSha256.slice(0, 16)}</span>
            </li>
            <li>
              Training run:{" "}
              <Link href={`/jobs/${lineage.job.id}`} className="text-accent-strong hover:underline">
                {lineage.job.name} ({lineage.run.algorithm})
              </Link>
            </li>
            <li>
              <details>
                <summary className="cursor-pointer">Training spec</summary>
                <pre className="mt-2 max-h-64 overflow-auto rounded bg-surface-muted p-2 text-xs">
                  {JSON.stringify(lineage.spec, null, 2)}
                </pre>
              </details>
            </li>
            {lineage.datasetVersions.map((v) => (
              <li key={v.id}>
                Dataset version:{" "}
                <Link href={`/datasets/${v.datasetId}`} className="text-accent-strong hover:underline">
                  {v.name} v{v.version}
                </Link>
                <span className="ml-1 text-muted">{v.rows.toLocaleString("en-US")} rows</span>
                <span className="ml-1 font-mono text-xs text-muted" title={v.sha256}>
                  sha256 {v.sha256.slice(0, 16)}
                </span>
              </li>
            ))}
          </ol>
        </Panel>
      </div>
    </>
  );
}

/** What the bars push on: the score of the predicted class (log-odds for two classes), or the value. */
function reasonsCaption(output: { prediction: string | number; probabilities: Record<string, number> | null }): string {
  const classes = Object.keys(output.probabilities ?? {}).length;
  const predicted = String(output.prediction);
  if (classes === 2) return `Each feature's push on the log-odds of “${predicted}”, the predicted class: right raises it, left lowers it.`;
  if (classes > 2) return `Each feature's push on the score of “${predicted}”, the predicted class: right raises it, left lowers it.`;
  return "Each feature's push on the predicted value: right raises it, left lowers it.";
}
