import "server-only";
import { NotFound, type RunDetail } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { seriesOfAttempts } from "./series";

type RunRow = NonNullable<Awaited<ReturnType<typeof loadRuns>>>[number];

async function loadRuns(ids: string[]) {
  const runs = await db().run.findMany({
    where: { id: { in: ids } },
    include: {
      job: { select: { name: true, status: true, spec: true } },
      artifacts: { select: { sha256: true } },
      modelVersions: { select: { version: true, model: { select: { name: true } } }, take: 1 },
    },
  });
  const series = await seriesOfAttempts(runs);
  return runs.map((r) => ({ ...r, series: series.get(`${r.jobId}:${r.attempt}`) ?? {} }));
}

function toRunDetail(r: RunRow): RunDetail {
  return {
    id: r.id,
    jobId: r.jobId,
    jobName: r.job.name,
    jobStatus: r.job.status,
    description: descriptionOf(r.job.spec),
    tags: r.tags,
    note: r.note,
    modelVersion: r.modelVersions[0] ? { name: r.modelVersions[0].model.name, version: r.modelVersions[0].version } : null,
    algorithm: r.algorithm,
    task: r.task,
    params: r.params as Record<string, unknown>,
    metrics: (r.metrics as Record<string, number> | null) ?? null,
    rowsTrain: r.rowsTrain,
    rowsHoldout: r.rowsHoldout,
    evaluation: (r.evaluation as RunDetail["evaluation"]) ?? null,
    importances: (r.importances as RunDetail["importances"]) ?? null,
    series: r.series,
    artifactSha256: r.artifacts[0]?.sha256 ?? null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** The job's description, read leniently: a spec stored by an older version may lack it. */
function descriptionOf(spec: unknown): string {
  const description = (spec as { metadata?: { description?: unknown } } | null)?.metadata?.description;
  return typeof description === "string" ? description : "";
}

export async function getRun(id: string): Promise<RunDetail> {
  const [run] = await loadRuns([id]);
  if (!run) throw new NotFound("Run", id);
  return toRunDetail(run);
}

/** The runs in the order asked for; an unknown id is a 404 naming it. */
export async function getRuns(ids: string[]): Promise<RunDetail[]> {
  const rows = new Map((await loadRuns(ids)).map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = rows.get(id);
    if (!row) throw new NotFound("Run", id);
    return toRunDetail(row);
  });
}

/** The latest finished runs, for picking what to compare. */
export async function listFinishedRuns(limit = 200) {
  const rows = await db().run.findMany({
    where: { finishedAt: { not: null } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      jobId: true,
      algorithm: true,
      task: true,
      metrics: true,
      tags: true,
      createdAt: true,
      job: { select: { name: true } },
      modelVersions: { select: { version: true, model: { select: { name: true } } }, take: 1 },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    jobId: r.jobId,
    jobName: r.job.name,
    tags: r.tags,
    modelVersion: r.modelVersions[0] ? { name: r.modelVersions[0].model.name, version: r.modelVersions[0].version } : null,
    algorithm: r.algorithm,
    task: r.task,
    metrics: r.metrics as Record<string, number> | null,
    createdAt: r.createdAt.toISOString(),
  }));
}
