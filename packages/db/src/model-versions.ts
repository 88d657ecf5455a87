// A successful run becomes a version of the registered model the job is named after (made on first
// use), linked to its run, its artifact and the exact dataset versions it learned from.
import type { Db, Prisma } from "./client.ts";

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
  /** Feature and prediction bins from training (@roundhouse/ml trainingProfile): what drift is measured against. */
  trainingProfile?: unknown;
}

export async function recordModelVersion(tx: Prisma.TransactionClient, v: NewModelVersion) {
  // Sweep trials finish at the same moment and register versions of one model: an upsert would
  // race on the unique name, so insert-if-missing and lock the row in one statement each.
  await tx.$executeRawUnsafe(
    `INSERT INTO registered_models (id, name, owner_id, updated_at) VALUES (gen_random_uuid(), $1, $2::uuid, now())
     ON CONFLICT (name) DO NOTHING`,
    v.modelName,
    v.ownerId,
  );
  // Serializes concurrent versions of one model so their numbers never collide.
  const [model] = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM registered_models WHERE name = $1 FOR UPDATE`, v.modelName);
  if (!model) throw new Error(`registered model ${v.modelName} vanished while registering a version`);
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
      ...(v.trainingProfile ? { trainingProfile: v.trainingProfile as Prisma.InputJsonValue } : {}),
      description: v.description ?? "",
      createdById: v.ownerId,
      datasets: { create: v.datasetVersionIds.map((datasetVersionId) => ({ datasetVersionId })) },
    },
  });
}

/** The model file a job's latest run wrote (a reproduction compares its own against it), or null. */
export async function modelArtifactOfJob(client: Db, jobId: string) {
  return client.artifact.findFirst({ where: { kind: "model", run: { jobId } }, orderBy: { createdAt: "desc" } });
}
