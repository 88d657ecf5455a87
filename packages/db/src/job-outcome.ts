// What a successful attempt leaves: its run (holdout metrics and evaluation), the model file's row
// and, unless the job is a reproduction, a new version of the registered model. Written only inside
// completeJob's transaction.
import { audit, type RequestContext } from "./audit.ts";
import type { Prisma } from "./client.ts";
import { type NewModelVersion, recordModelVersion } from "./model-versions.ts";

export interface JobOutcome {
  run: {
    algorithm: string;
    task: string;
    params: unknown;
    rowsTrain: number;
    rowsHoldout: number;
    metrics: Record<string, number>;
    evaluation: unknown;
    importances: unknown;
    /** The workflow version that trained it, when not a built-in algorithm. */
    workflowVersionId?: string | null;
  };
  /** The model file, already in the artifact store under its content hash. */
  artifact: { path: string; byteSize: number; sha256: string };
  /** Other files of the run, e.g. a workflow's model in its library's own format ("library-model"). */
  extraArtifacts?: { kind: string; path: string; byteSize: number; sha256: string }[];
  /** Null for a reproduction: a check of the original, not a new model. */
  modelVersion: Omit<NewModelVersion, "runId" | "artifactId" | "artifactSha256" | "metrics"> | null;
  stepTimings: unknown;
}

export async function recordOutcome(
  tx: Prisma.TransactionClient,
  ctx: RequestContext,
  jobId: string,
  attempt: number,
  outcome: JobOutcome,
) {
  const { run: r, artifact: a } = outcome;
  const job = await tx.trainingJob.findUniqueOrThrow({ where: { id: jobId }, select: { spec: true } });
  const run = await tx.run.create({
    data: {
      jobId,
      attempt,
      tags: specTags(job.spec),
      algorithm: r.algorithm,
      task: r.task,
      params: r.params as Prisma.InputJsonValue,
      rowsTrain: r.rowsTrain,
      rowsHoldout: r.rowsHoldout,
      metrics: r.metrics as Prisma.InputJsonValue,
      evaluation: r.evaluation as Prisma.InputJsonValue,
      importances: r.importances as Prisma.InputJsonValue,
      workflowVersionId: r.workflowVersionId ?? null,
      finishedAt: new Date(),
    },
  });
  const artifact = await tx.artifact.create({
    data: { runId: run.id, kind: "model", path: a.path, byteSize: BigInt(a.byteSize), sha256: a.sha256 },
  });
  for (const extra of outcome.extraArtifacts ?? [])
    await tx.artifact.create({
      data: { runId: run.id, kind: extra.kind, path: extra.path, byteSize: BigInt(extra.byteSize), sha256: extra.sha256 },
    });
  if (!outcome.modelVersion) return { runId: run.id, version: null };
  const version = await recordModelVersion(tx, {
    ...outcome.modelVersion,
    runId: run.id,
    artifactId: artifact.id,
    artifactSha256: a.sha256,
    metrics: r.metrics,
  });
  await audit(tx, ctx, {
    action: "model-version.registered",
    entityType: "model-version",
    entityId: version.id,
    after: { model: outcome.modelVersion.modelName, version: version.version, jobId, runId: run.id, modelSha256: a.sha256 },
  });
  return { runId: run.id, version: { model: outcome.modelVersion.modelName, version: version.version } };
}

/** The submitted spec's tags, the run's starting tags (people edit them later; the spec stays as it was). */
function specTags(spec: unknown): string[] {
  const tags = (spec as { metadata?: { tags?: unknown } } | null)?.metadata?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}
