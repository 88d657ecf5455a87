import type { ColumnSchema, DatasetProfile, DatasetVersionDto, DeriveDefinition, ScoringProvenance } from "@roundhouse/contracts";
import type { Db } from "@roundhouse/db";

export const VERSION_INCLUDE = {
  dataset: { select: { name: true } },
  createdBy: { select: { email: true } },
  parents: { orderBy: { position: "asc" }, include: { parent: { include: { dataset: { select: { name: true } } } } } },
} as const;

type VersionRow = NonNullable<Awaited<ReturnType<Db["datasetVersion"]["findUnique"]>>> & {
  dataset: { name: string };
  createdBy: { email: string };
  parents: { parent: { id: string; version: number; contentHash: string; dataset: { name: string } } }[];
};

export function toVersionDto(v: VersionRow): DatasetVersionDto {
  return {
    id: v.id,
    datasetId: v.datasetId,
    datasetName: v.dataset.name,
    version: v.version,
    contentHash: v.contentHash,
    sourceKind: v.sourceKind,
    sourceName: v.sourceName,
    sourceSha256: v.sourceSha256,
    rowCount: Number(v.rowCount),
    byteSize: Number(v.byteSize),
    schema: v.schema as unknown as ColumnSchema[],
    profile: (v.profile as unknown as DatasetProfile | null) ?? null,
    definition: v.sourceKind === "scored" ? null : ((v.definition as unknown as DeriveDefinition | null) ?? null),
    scoring: v.sourceKind === "scored" ? (v.definition as unknown as ScoringProvenance) : null,
    parents: v.parents.map(({ parent }) => ({
      id: parent.id,
      datasetName: parent.dataset.name,
      version: parent.version,
      contentHash: parent.contentHash,
    })),
    warnings: v.warnings,
    createdBy: v.createdBy.email,
    createdAt: v.createdAt.toISOString(),
  };
}
