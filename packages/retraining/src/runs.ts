// Retraining as the API and the model page read it: the policy, its runs newest first (with their
// job, data versions and outcome), and a run started by hand.
import {
  type Comparison,
  NotFound,
  type RetrainingDto,
  type RetrainingOutcome,
  type RetrainingPolicyDto,
  type RetrainingRunDto,
  type RetrainingTrigger,
  type TrainingSpec,
} from "@roundhouse/contracts";
import type { Db, RequestContext } from "@roundhouse/db";
import { firePolicy } from "./fire.ts";
import { nextSlot } from "./schedule.ts";

const RUN_INCLUDE = { policy: { include: { model: { select: { name: true } } } } } as const;
type RunRow = NonNullable<Awaited<ReturnType<typeof loadRun>>>;
const loadRun = (db: Db, id: string) => db.retrainingRun.findUnique({ where: { id }, include: RUN_INCLUDE });

export async function getRetraining(db: Db, modelName: string, take = 50): Promise<RetrainingDto> {
  const model = await db.registeredModel.findUnique({
    where: { name: modelName },
    include: { retraining: { include: { owner: { select: { email: true } } } } },
  });
  if (!model) throw new NotFound("Model", JSON.stringify(modelName));
  const policy = model.retraining;
  if (!policy) return { policy: null, runs: [] };
  const rows = await db.retrainingRun.findMany({
    where: { policyId: policy.id },
    orderBy: { firedAt: "desc" },
    take,
    include: RUN_INCLUDE,
  });
  return { policy: toPolicyDto(policy, modelName), runs: await toRunDtos(db, rows) };
}

export async function getRetrainingRun(db: Db, id: string): Promise<RetrainingRunDto> {
  const row = await loadRun(db, id);
  if (!row) throw new NotFound("Retraining run", id);
  return (await toRunDtos(db, [row]))[0] as RetrainingRunDto;
}

/** Runs the model's policy now, as the person who asked. */
export async function startRetrainingRun(db: Db, ctx: RequestContext, modelName: string): Promise<RetrainingRunDto> {
  const policy = await db.retrainingPolicy.findFirst({ where: { model: { name: modelName } } });
  if (!policy) throw new NotFound("Retraining policy of model", JSON.stringify(modelName));
  const id = await firePolicy(db, policy, "manual", new Date(), ctx);
  return getRetrainingRun(db, id as string);
}

type PolicyRow = NonNullable<Awaited<ReturnType<Db["retrainingPolicy"]["findUnique"]>>> & { owner: { email: string } };

export function toPolicyDto(p: PolicyRow, model: string): RetrainingPolicyDto {
  return {
    id: p.id,
    model,
    enabled: p.enabled,
    spec: p.spec as unknown as TrainingSpec,
    triggers: { newData: p.onNewData, schedule: p.schedule, timezone: p.timezone, drift: p.onDrift },
    rule: { metric: p.metric, minImprovement: p.minImprovement, alias: p.alias },
    owner: p.owner.email,
    nextScheduledAt: p.enabled && p.schedule ? nextSlot(p.schedule, p.timezone, new Date()).toISOString() : null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

async function toRunDtos(db: Db, rows: RunRow[]): Promise<RetrainingRunDto[]> {
  const jobIds = rows.flatMap((r) => (r.jobId ? [r.jobId] : []));
  const jobs = await db.trainingJob.findMany({
    where: { id: { in: jobIds } },
    select: {
      id: true,
      status: true,
      datasets: { select: { datasetVersion: { select: { id: true, version: true, dataset: { select: { name: true } } } } } },
    },
  });
  const versionIds = rows.flatMap((r) => (r.modelVersionId ? [r.modelVersionId] : []));
  const versions = new Map(
    (await db.modelVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, version: true } })).map((v) => [
      v.id,
      v.version,
    ]),
  );
  const requestIds = rows.flatMap((r) => (r.promotionRequestId ? [r.promotionRequestId] : []));
  const requests = new Map(
    (await db.promotionRequest.findMany({ where: { id: { in: requestIds } }, select: { id: true, status: true } })).map((p) => [
      p.id,
      p.status,
    ]),
  );
  const byJob = new Map(jobs.map((j) => [j.id, j]));
  return rows.map((r) => {
    const job = r.jobId ? byJob.get(r.jobId) : undefined;
    // A proposal someone approved is a promotion.
    const outcome = (
      r.outcome === "proposed" && r.promotionRequestId && requests.get(r.promotionRequestId) === "approved" ? "promoted" : r.outcome
    ) as RetrainingOutcome;
    return {
      id: r.id,
      model: r.policy.model.name,
      trigger: r.trigger as RetrainingTrigger,
      dueAt: r.dueAt.toISOString(),
      firedAt: r.firedAt.toISOString(),
      outcome,
      reason: r.reason,
      jobId: r.jobId,
      jobStatus: job?.status ?? null,
      datasetVersions: (job?.datasets ?? []).map((d) => ({
        id: d.datasetVersion.id,
        datasetName: d.datasetVersion.dataset.name,
        version: d.datasetVersion.version,
      })),
      modelVersion: r.modelVersionId ? (versions.get(r.modelVersionId) ?? null) : null,
      promotionRequestId: r.promotionRequestId,
      comparison: (r.comparison as Comparison | null) ?? null,
      finishedAt: r.finishedAt?.toISOString() ?? null,
    };
  });
}
