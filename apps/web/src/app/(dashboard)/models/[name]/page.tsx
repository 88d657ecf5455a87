import { can, metricsOfTask } from "@roundhouse/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { RoleNote } from "@/components/ui/role-note";
import { TabLinks } from "@/components/ui/tab-links";
import { requirePageUser } from "@/features/auth/server/caller";
import { MonitoringTab } from "@/features/monitoring/components/monitoring-tab";
import { monitoringOf } from "@/features/monitoring/server/monitoring";
import { PromotionsList } from "@/features/promotions/components/promotions-list";
import { AliasTimeline } from "@/features/registry/components/alias-timeline";
import { AliasesPanel } from "@/features/registry/components/aliases-panel";
import { CallThisModel } from "@/features/registry/components/call-this-model";
import { MetricsTrendChart } from "@/features/registry/components/metrics-trend-chart";
import { ScoreDatasetForm } from "@/features/registry/components/score-dataset-form";
import { VersionsTable } from "@/features/registry/components/versions-table";
import { callExample } from "@/features/registry/server/call-example";
import { getModel } from "@/features/registry/server/registry";
import { RetrainingTab } from "@/features/retraining/components/retraining-tab";
import { retrainingOf } from "@/features/retraining/server/retraining";
import { orNotFound } from "@/server/or-not-found";

export const metadata: Metadata = { title: "Model" };

export default async function ModelPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const user = await requirePageUser();
  const { name } = await params;
  const model = await orNotFound(getModel(decodedName(name)));
  const task = model.versions[0]?.task ?? null;
  const asked = (await searchParams).tab;
  const tab = asked === "retraining" || asked === "monitoring" ? asked : "overview";
  const base = `/models/${encodeURIComponent(model.name)}`;
  const tabs = (
    <TabLinks
      current={tab}
      tabs={[
        { key: "overview", label: "Overview", href: base },
        { key: "monitoring", label: "Monitoring", href: `${base}?tab=monitoring` },
        { key: "retraining", label: "Retraining", href: `${base}?tab=retraining` },
      ]}
    />
  );
  // Snippets call production when it has a holder, else the newest version.
  const production = model.aliases.find((a) => a.alias === "production");
  const newest = model.versions[0];
  const example = production
    ? await callExample(production.modelVersionId, "production")
    : newest
      ? await callExample(newest.id, null)
      : null;
  // The task's first four metrics of the catalogue (headline first) that some version recorded.
  const metricNames = metricsOfTask(task ?? "binary")
    .filter((m) => model.versions.some((v) => m in v.metrics))
    .slice(0, 4);
  const overview = (
    <>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Aliases">
          <AliasesPanel model={model} canRollback={can(user.role, "models:rollback")} />
        </Panel>
        <Panel title="Metrics across versions">
          <MetricsTrendChart versions={model.versions} metrics={metricNames.filter((m) => m !== "logloss").slice(0, 3)} />
        </Panel>
      </div>
      <section className="mt-6">
        <h2 className="mb-2 text-lg font-semibold">Versions</h2>
        <VersionsTable model={model} metricNames={metricNames} canRequest={can(user.role, "models:request-promotion")} />
        {!can(user.role, "models:request-promotion") && (
          <div className="mt-2">
            <RoleNote role={user.role}>reads models; engineers request promotions and approvers decide them.</RoleNote>
          </div>
        )}
      </section>
      {can(user.role, "jobs:submit") && model.versions.length > 0 && (
        <section className="mt-6">
          <Panel title="Score a dataset">
            <ScoreDatasetForm model={model} />
          </Panel>
        </section>
      )}
      {example && (
        <section className="mt-6">
          <Panel title="Call this model">
            <CallThisModel model={model.name} example={example} />
          </Panel>
        </section>
      )}
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <Panel title="Alias timeline">
          <AliasTimeline timeline={model.timeline} />
        </Panel>
        <Panel title="Promotion requests">
          <PromotionsList requests={model.requests} />
        </Panel>
      </div>
    </>
  );
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/models" className="text-muted hover:underline">
          ← Models
        </Link>
      </p>
      <PageHeader
        title={model.name}
        description={model.description || `${task ?? "model"} · owned by ${model.owner} · ${model.versions.length} versions`}
        actions={
          <ButtonLink variant="secondary" href={`/decisions?model=${encodeURIComponent(model.name)}`}>
            Decisions
          </ButtonLink>
        }
      />
      {tabs}
      {tab === "monitoring" ? (
        <MonitoringTab model={model.name} initial={await monitoringOf(model.name)} canRecordOutcomes={can(user.role, "models:predict")} />
      ) : tab === "retraining" ? (
        <RetrainingTab
          model={model.name}
          task={task ?? "binary"}
          initial={await retrainingOf(model.name)}
          canEdit={can(user.role, "models:retrain")}
        />
      ) : (
        overview
      )}
    </>
  );
}

/** A malformed escape in the address ("%E0") names no model: 404, not a crash. */
function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    notFound();
  }
}
