import "server-only";
// What an audited entity is called and where it lives in the dashboard, so the explorer reads
// "churn v3 → production" with a link instead of "promotion_request/92a9fa72". One query per entity
// type on a page, whatever its length.
import { isUuid } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";

export interface EntityName {
  label: string;
  href: string | null;
}

type Namer = (ids: string[]) => Promise<Array<[string, EntityName]>>;

const model = (name: string) => `/models/${encodeURIComponent(name)}`;

const NAMERS: Record<string, Namer> = {
  "training-job": async (ids) =>
    (await db().trainingJob.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((j) => [
      j.id,
      { label: j.name, href: `/jobs/${j.id}` },
    ]),
  run: async (ids) =>
    (await db().run.findMany({ where: { id: { in: ids } }, select: { id: true, jobId: true, job: { select: { name: true } } } })).map(
      (r) => [r.id, { label: `run of ${r.job.name}`, href: `/jobs/${r.jobId}` }],
    ),
  "model-version": async (ids) =>
    (
      await db().modelVersion.findMany({
        where: { id: { in: ids } },
        select: { id: true, version: true, model: { select: { name: true } } },
      })
    ).map((v) => [v.id, { label: `${v.model.name} v${v.version}`, href: model(v.model.name) }]),
  promotion_request: async (ids) =>
    (
      await db().promotionRequest.findMany({
        where: { id: { in: ids } },
        select: { id: true, alias: true, model: { select: { name: true } }, modelVersion: { select: { version: true } } },
      })
    ).map((p) => [p.id, { label: `${p.model.name} v${p.modelVersion.version} → ${p.alias}`, href: `/approvals/${p.id}` }]),
  deployment: async (ids) =>
    (
      await db().deployment.findMany({ where: { id: { in: ids } }, select: { id: true, alias: true, model: { select: { name: true } } } })
    ).map((d) => [d.id, { label: `${d.model.name} · ${d.alias}`, href: model(d.model.name) }]),
  dataset: async (ids) =>
    (await db().dataset.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((d) => [
      d.id,
      { label: d.name, href: `/datasets/${d.id}` },
    ]),
  "dataset-version": async (ids) =>
    (
      await db().datasetVersion.findMany({
        where: { id: { in: ids } },
        select: { id: true, version: true, datasetId: true, dataset: { select: { name: true } } },
      })
    ).map((v) => [v.id, { label: `${v.dataset.name} v${v.version}`, href: `/datasets/${v.datasetId}` }]),
  user: async (ids) =>
    (await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => [
      u.id,
      { label: u.email, href: "/settings" },
    ]),
  "api-token": async (ids) =>
    (await db().apiToken.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((t) => [
      t.id,
      { label: `token "${t.name}"`, href: "/settings" },
    ]),
};

/** Names keyed by "entityType/entityId"; entities that are gone (or of an unknown type) are absent. */
export async function nameEntities(events: Array<{ entityType: string; entityId: string }>): Promise<Map<string, EntityName>> {
  const byType = new Map<string, Set<string>>();
  for (const e of events) {
    if (!NAMERS[e.entityType] || !isUuid(e.entityId)) continue;
    const ids = byType.get(e.entityType) ?? new Set<string>();
    ids.add(e.entityId);
    byType.set(e.entityType, ids);
  }
  const named = await Promise.all([...byType].map(([type, ids]) => (NAMERS[type] as Namer)([...ids]).then((rows) => ({ type, rows }))));
  return new Map(named.flatMap(({ type, rows }) => rows.map(([id, name]) => [`${type}/${id}`, name] as const)));
}
