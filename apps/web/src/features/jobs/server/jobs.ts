import "server-only";
import {
  ACTIVE_STATUSES,
  Conflict,
  Forbidden,
  type JobDto,
  type JobListQuery,
  type JobSpec,
  NotFound,
  type TrainingSpec,
} from "@roundhouse/contracts";
import { resolveTrainingData } from "@roundhouse/data";
import { db, enqueueJob, enqueueSweep, modelArtifactOfJob, type RequestContext } from "@roundhouse/db";
import { resolveWorkflowSpec } from "@roundhouse/workflows";
import { countJobs, orderedJobIds } from "./job-order";

const INCLUDE = {
  owner: { select: { email: true } },
  datasets: {
    select: {
      datasetVersion: { select: { id: true, datasetId: true, version: true, contentHash: true, dataset: { select: { name: true } } } },
    },
  },
  runs: {
    orderBy: { createdAt: "desc" },
    take: 1,
    include: { artifacts: { select: { sha256: true } }, modelVersions: { select: { version: true, model: { select: { name: true } } } } },
  },
} as const;

type JobRow = NonNullable<Awaited<ReturnType<typeof loadJob>>>;

function loadJob(id: string) {
  return db().trainingJob.findUnique({ where: { id }, include: INCLUDE });
}

export function toJobDto(j: JobRow, trials?: JobDto["trials"], expectedSha256: string | null = null): JobDto {
  const run = j.runs[0];
  const sha256 = run?.artifacts[0]?.sha256 ?? null;
  return {
    kind: j.kind,
    parentJobId: j.parentJobId,
    ...(trials ? { trials } : {}),
    id: j.id,
    name: j.name,
    project: j.project,
    owner: j.owner.email,
    status: j.status,
    priority: j.priority,
    attempts: j.attempts,
    progress: (j.progress as JobDto["progress"]) ?? null,
    stepTimings: (j.stepTimings as JobDto["stepTimings"]) ?? [],
    error: (j.error as JobDto["error"]) ?? null,
    spec: j.spec as unknown as JobSpec,
    result: (j.result as JobDto["result"]) ?? null,
    datasetVersionIds: j.datasets.map((d) => d.datasetVersion.id),
    datasetVersions: j.datasets.map(({ datasetVersion: v }) => ({
      id: v.id,
      datasetId: v.datasetId,
      datasetName: v.dataset.name,
      version: v.version,
      contentHash: v.contentHash,
    })),
    run: run
      ? {
          id: run.id,
          algorithm: run.algorithm,
          task: run.task,
          metrics: (run.metrics as Record<string, number>) ?? null,
          artifactSha256: run.artifacts[0]?.sha256 ?? null,
          modelVersion: run.modelVersions[0] ? { model: run.modelVersions[0].model.name, version: run.modelVersions[0].version } : null,
        }
      : null,
    cancelRequested: j.cancelRequestedAt !== null,
    workerHost: j.workerHost,
    reproduction: j.reproducesJobId
      ? {
          of: j.reproducesJobId,
          expectedSha256,
          sha256: j.status === "succeeded" ? sha256 : null,
          match: j.status === "succeeded" && expectedSha256 && sha256 ? sha256 === expectedSha256 : null,
        }
      : null,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

/** Checks a parsed spec against the data it names and queues it (the route parsed its shape). */
export async function submitJob(
  ctx: RequestContext,
  ownerId: string,
  submitted: TrainingSpec,
  idempotencyKey?: string,
  retryOfJobId?: string,
) {
  const spec = await resolveWorkflowSpec(db(), submitted);
  const data = await resolveTrainingData(db(), spec);
  const request = { spec, ownerId, datasetVersionIds: [data.datasetVersionId], idempotencyKey, retryOfJobId };
  const { job, created } = spec.train.sweep ? await enqueueSweep(db(), ctx, request) : await enqueueJob(db(), ctx, request);
  return { job: await getJob(job.id), created };
}

export async function getJob(id: string): Promise<JobDto> {
  const j = await loadJob(id);
  if (!j) throw new NotFound("Training job", id);
  if (j.reproducesJobId) return toJobDto(j, undefined, (await modelArtifactOfJob(db(), j.reproducesJobId))?.sha256 ?? null);
  if (j.kind !== "sweep") return toJobDto(j);
  // A sweep shows its trial table, best first by the objective.
  const objective = (j.spec as unknown as TrainingSpec).train.sweep?.objective ?? { metric: "auc", direction: "maximize" };
  const rows = await db().trainingJob.findMany({
    where: { parentJobId: id },
    include: { runs: { select: { id: true, metrics: true }, orderBy: { createdAt: "desc" }, take: 1 } },
    // The order the sweep's completion ranks them in (job-moves.ts), so ties list its best trial first.
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const trials = rows.map((t) => ({
    id: t.id,
    name: t.name,
    status: t.status,
    params: (t.spec as unknown as TrainingSpec).train.params,
    metrics: (t.runs[0]?.metrics as Record<string, number> | undefined) ?? null,
    runId: t.runs[0]?.metrics ? (t.runs[0]?.id ?? null) : null,
  }));
  const score = (t: (typeof trials)[number]) =>
    t.metrics?.[objective.metric] ?? (objective.direction === "maximize" ? -Infinity : Infinity);
  trials.sort((a, b) => (objective.direction === "maximize" ? score(b) - score(a) : score(a) - score(b)));
  return toJobDto(j, trials);
}

/**
 * Re-runs a succeeded job's exact spec on the exact dataset versions it trained on (not "latest"),
 * so the job page can say whether the model bytes came out the same. The reproduction registers no
 * model version: it is a check, not a new model.
 */
export async function reproduceJob(ctx: RequestContext, ownerId: string, id: string) {
  const original = await getJob(id);
  if (original.kind !== "train" || original.status !== "succeeded" || !original.run?.artifactSha256) {
    throw new Conflict("Only a training job that succeeded with a model file can be reproduced.", [
      { path: "id", message: `the job is a ${original.kind} job, ${original.status}` },
    ]);
  }
  const [datasetVersionId] = original.datasetVersionIds;
  const trained = original.spec as TrainingSpec; // a train job's
  const { dataset: _name, version: _version, ...data } = trained.data;
  const spec: TrainingSpec = { ...trained, data: { ...data, version: "latest", datasetVersionId } };
  const { job } = await enqueueJob(db(), ctx, { spec, ownerId, datasetVersionIds: original.datasetVersionIds, reproducesJobId: id });
  return getJob(job.id);
}

export async function listJobs(q: JobListQuery) {
  const [ids, total, active] = await Promise.all([
    orderedJobIds(q),
    countJobs(q),
    db().trainingJob.count({ where: { status: { in: [...ACTIVE_STATUSES] } } }),
  ]);
  const rows = new Map((await db().trainingJob.findMany({ where: { id: { in: ids } }, include: INCLUDE })).map((r) => [r.id, r]));
  return { items: ids.flatMap((id) => (rows.has(id) ? [toJobDto(rows.get(id) as JobRow)] : [])), total, active };
}

/** Cancelling or retrying is for the job's owner or an admin: one engineer cannot stop another's work. */
export async function assertMayControlJob(user: { id: string; role: string }, jobId: string, verb: "cancel" | "retry") {
  const job = await db().trainingJob.findUnique({ where: { id: jobId }, select: { ownerId: true, owner: { select: { email: true } } } });
  if (!job) throw new NotFound("Training job", jobId);
  if (job.ownerId !== user.id && user.role !== "admin") {
    throw new Forbidden(`Only the job's owner (${job.owner.email}) or an admin may ${verb} it.`);
  }
}
