// A successful run becomes a version of the registered model the job is named after (made on first
// use), linked to its run, its artifact and the exact dataset versions it learned from.
import type { Prisma } from "./client.ts";

export interface NewModelVersion {
  modelName: string;
  ownerId: string;
  runId: string;
  artifactId: string;
  artifactSha256: string;
  featureSchema: unknown;
  metrics: unknown;
  datasetVersionIds: string[];
  description?: string;
}

export async function recordModelVersion(tx: Prisma.TransactionClient, v: NewModelVersion) {
  const model = await tx.registeredModel.upsert({
    where: { name: v.modelName },
    create: { name: v.modelName, ownerId: v.ownerId },
    update: {},
  });
  // Serializes concurrent versions of one model so their numbers never collide.
  await tx.$queryRawUnsafe(`SELECT id FROM registered_models WHERE id = $1::uuid FOR UPDATE`, model.id);
  const last = await tx.modelVersion.aggregate({ where: { modelId: model.id }, _max: { version: true } });
  return tx.modelVersion.create({
    data: {
      modelId: model.id,
      version: (last._max.version ?? 0) + 1,
      runId: v.runId,
      artifactId: v.artifactId,
      artifactSha256: v.artifactSha256,
      featureSchema: v.featureSchema as Prisma.InputJsonValue,
      metrics: v.metrics as Prisma.InputJsonValue,
      description: v.description ?? "",
      createdById: v.ownerId,
      datasets: { create: v.datasetVersionIds.map((datasetVersionId) => ({ datasetVersionId })) },
    },
  });
}
