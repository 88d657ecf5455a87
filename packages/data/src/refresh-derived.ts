// Refreshing a derived dataset: its latest definition run again with every parent version swapped
// for the latest version of the same parent dataset. The result is the dataset's next version, with
// lineage to the exact parents it read; if nothing upstream changed it is the version already there.
import { type DeriveDefinition, type IngestResult, NotFound } from "@roundhouse/contracts";
import type { Db, RequestContext } from "@roundhouse/db";
import { createDerivedDataset } from "./datasets-service.ts";
import { invalid } from "./errors.ts";

export async function refreshDerivedDataset(db: Db, ctx: RequestContext, datasetId: string): Promise<IngestResult> {
  const dataset = await db.dataset.findUnique({
    where: { id: datasetId },
    include: { versions: { orderBy: { version: "desc" }, take: 1 } },
  });
  if (!dataset) throw new NotFound("Dataset", datasetId);
  const latest = dataset.versions[0];
  if (!latest?.definition) {
    throw invalid(
      "id",
      `${dataset.name} is not a derived dataset: its latest version was ${latest ? `an ${latest.sourceKind}` : "never made"}.`,
    );
  }
  const definition = latest.definition as unknown as DeriveDefinition;
  const newest = await latestOfSameDatasets(db, [definition.base, ...definition.joins.map((j) => j.versionId)]);
  const refreshed: DeriveDefinition = {
    ...definition,
    base: newest.get(definition.base) ?? definition.base,
    joins: definition.joins.map((j) => ({ ...j, versionId: newest.get(j.versionId) ?? j.versionId })),
  };
  const result = await createDerivedDataset(db, ctx, { name: dataset.name, definition: refreshed });
  if (result.created) return result;
  return {
    ...result,
    message: `${dataset.name} is up to date: every parent is at its latest version (version ${result.version.version}).`,
  };
}

/** For each version id, the id of the newest version of the dataset it belongs to. */
async function latestOfSameDatasets(db: Db, versionIds: string[]): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<{ id: string; latest: string }[]>`
    SELECT v.id::text AS id, (
      SELECT n.id::text FROM dataset_versions n WHERE n.dataset_id = v.dataset_id ORDER BY n.version DESC LIMIT 1
    ) AS latest
    FROM dataset_versions v WHERE v.id = ANY(${versionIds}::uuid[])`;
  return new Map(rows.map((r) => [r.id, r.latest]));
}
