import "server-only";
import { Invalid, type JobDto, NotFound, parseTrainingSpec, type TrainingSpec } from "@roundhouse/contracts";
import { resolveTrainingData } from "@roundhouse/data";
import { db, enqueueJob, type RequestContext } from "@roundhouse/db";

const INCLUDE = {
  owner: { select: { email: true } },
  datasets: { select: { datasetVersionId: true } },
  runs: { orderBy: { createdAt: "desc" }, take: 1, include: { artifacts: { select: { sha256: true } } } },
} as const;

type JobRow = NonNullable<Awaited<ReturnType<typeof loadJob>>>;

function loadJob(id: string) {
  return db().trainingJob.findUnique({ where: { id }, include: INCLUDE });
}

export function toJobDto(j: JobRow): JobDto {
  const run = j.runs[0];
  return {
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
    spec: j.spec as unknown as TrainingSpec,
    datasetVersionIds: j.datasets.map((d) => d.datasetVersionId),
    run: run
      ? {
          id: run.id,
          algorithm: run.algorithm,
          task: run.task,
          metrics: (run.metrics as Record<string, number>) ?? null,
          artifactSha256: run.artifacts[0]?.sha256 ?? null,
        }
      : null,
    cancelRequested: j.cancelRequestedAt !== null,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

/** Checks the spec (shape, parameters, and against the data it names) and queues it. */
export async function submitJob(ctx: RequestContext, ownerId: string, raw: unknown, idempotencyKey?: string, retryOfJobId?: string) {
  const parsed = parseTrainingSpec(raw);
  if (!parsed.success) {
    throw new Invalid(
      `The training spec has ${parsed.problems.length} problem(s): ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
      parsed.problems,
    );
  }
  const data = await resolveTrainingData(db(), parsed.data);
  const { job, created } = await enqueueJob(db(), ctx, {
    spec: parsed.data,
    ownerId,
    datasetVersionIds: [data.datasetVersionId],
    idempotencyKey,
    retryOfJobId,
  });
  return { job: toJobDto((await loadJob(job.id)) as JobRow), created };
}

export async function getJob(id: string): Promise<JobDto> {
  const j = await loadJob(id);
  if (!j) throw new NotFound("Training job", id);
  return toJobDto(j);
}

export async function listJobs(q: {
  status?: JobDto["status"];
  project?: string;
  owner?: string;
  datasetVersionId?: string;
  limit: number;
  offset: number;
}) {
  const where = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.project ? { project: q.project } : {}),
    ...(q.owner ? { owner: { email: q.owner } } : {}),
    ...(q.datasetVersionId ? { datasets: { some: { datasetVersionId: q.datasetVersionId } } } : {}),
  };
  const [rows, total] = await Promise.all([
    db().trainingJob.findMany({ where, include: INCLUDE, orderBy: { createdAt: "desc" }, take: q.limit, skip: q.offset }),
    db().trainingJob.count({ where }),
  ]);
  return { items: rows.map(toJobDto), total };
}
