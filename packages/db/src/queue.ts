// The training-job queue in PostgreSQL. The row is the truth (spec, status, attempts, lease,
// progress); NOTIFY only wakes workers, who then claim with FOR UPDATE SKIP LOCKED by priority and
// age. A claim is a lease renewed by heartbeats: a worker that dies stops renewing, and the job goes
// back to the queue (with backoff) until its attempts run out. Every status move a worker makes is
// in job-moves.ts; this file is the submitting and cancelling side.
import {
  Conflict,
  isScoringSpec,
  type JobSpec,
  NotFound,
  sweepTrialParams,
  TERMINAL_STATUSES,
  type TrainingSpec,
  transition,
} from "@roundhouse/contracts";
import { audit, type RequestContext } from "./audit.ts";
import { type Db, isUniqueViolation, type Prisma } from "./client.ts";

export const JOBS_CHANNEL = "roundhouse_jobs";

export interface EnqueueRequest {
  /** What to train, or (a scoring job) what to score. */
  spec: JobSpec;
  ownerId: string;
  datasetVersionIds: string[];
  idempotencyKey?: string;
  retryOfJobId?: string;
  /** A reproduction re-runs this job's exact spec on its exact dataset versions. */
  reproducesJobId?: string;
}

/** The job an earlier submit with the same Idempotency-Key (by the same owner) made, if any. */
async function sameKeyJob(client: Db, req: EnqueueRequest) {
  if (!req.idempotencyKey) return null;
  const existing = await client.trainingJob.findUnique({ where: { idempotencyKey: req.idempotencyKey } });
  if (existing && existing.ownerId !== req.ownerId) {
    throw new Conflict("This Idempotency-Key was already used by someone else; use a key of your own.", [
      { path: "Idempotency-Key", message: "already used" },
    ]);
  }
  // Training and scoring submits share the keys: one that made a training job made no scoring job.
  if (existing && (existing.kind === "score") !== isScoringSpec(req.spec)) {
    const usedFor = `used for a ${existing.kind === "score" ? "scoring" : "training"} job`;
    throw new Conflict(`This Idempotency-Key was already ${usedFor}; use a new key.`, [{ path: "Idempotency-Key", message: usedFor }]);
  }
  return existing;
}

/**
 * Creates the job unless the key was used: when concurrent submits with one key race past the
 * first look, the unique index lets one through and the others answer the job it made.
 */
async function createOnce<T>(client: Db, req: EnqueueRequest, create: () => Promise<{ job: T; created: true }>) {
  const existing = await sameKeyJob(client, req);
  if (existing) return { job: existing, created: false };
  try {
    return await create();
  } catch (err) {
    const made = req.idempotencyKey && isUniqueViolation(err) ? await sameKeyJob(client, req) : null;
    if (made) return { job: made, created: false };
    throw err;
  }
}

/** What every submitted job row (a plain job or a sweep) records from its request. */
function jobFields(req: EnqueueRequest) {
  return {
    name: req.spec.metadata.name,
    project: req.spec.metadata.project,
    ownerId: req.ownerId,
    spec: req.spec as unknown as Prisma.InputJsonValue,
    priority: req.spec.resources.priority,
    idempotencyKey: req.idempotencyKey,
  };
}

export async function enqueueJob(client: Db, ctx: RequestContext, req: EnqueueRequest) {
  return createOnce(client, req, () =>
    client.$transaction(async (tx) => {
      const job = await tx.trainingJob.create({
        data: {
          ...jobFields(req),
          kind: isScoringSpec(req.spec) ? "score" : "train",
          retryOfJobId: req.retryOfJobId,
          reproducesJobId: req.reproducesJobId,
          datasets: { create: req.datasetVersionIds.map((datasetVersionId) => ({ datasetVersionId })) },
        },
      });
      await audit(tx, ctx, {
        action: req.reproducesJobId ? "job.reproduce" : req.retryOfJobId ? "job.retry" : "job.submit",
        entityType: "training-job",
        entityId: job.id,
        after: { name: job.name, spec: req.spec },
      });
      await tx.$executeRawUnsafe(`SELECT pg_notify('${JOBS_CHANNEL}', $1)`, job.id);
      return { job, created: true as const };
    }),
  );
}

/**
 * A sweep: a parent job (never claimed; it is "running" while its trials are) and one trial job per
 * parameter combination. Workers run at most the sweep's `parallelism` trials at once.
 */
export async function enqueueSweep(client: Db, ctx: RequestContext, req: EnqueueRequest & { spec: TrainingSpec }) {
  const sweep = req.spec.train.sweep;
  const algorithm = req.spec.train.algorithm;
  if (!sweep || !algorithm) throw new Error("enqueueSweep needs a spec with train.sweep and a built-in algorithm");
  const { trials } = sweepTrialParams(algorithm, req.spec.train.params, sweep);
  return createOnce(client, req, () =>
    client.$transaction(async (tx) => {
      const datasets = { create: req.datasetVersionIds.map((datasetVersionId) => ({ datasetVersionId })) };
      const parent = await tx.trainingJob.create({
        data: {
          kind: "sweep",
          status: transition("queued", "running"),
          startedAt: new Date(),
          ...jobFields(req),
          progress: { fraction: 0, step: "sweep", message: `0 of ${trials.length} trials done` },
          datasets,
        },
      });
      for (const [i, params] of trials.entries()) {
        const { sweep: _sweep, ...train } = req.spec.train;
        await tx.trainingJob.create({
          data: {
            kind: "trial",
            parentJobId: parent.id,
            name: `${req.spec.metadata.name} #${i + 1}`,
            project: req.spec.metadata.project,
            ownerId: req.ownerId,
            spec: { ...req.spec, train: { ...train, params } } as unknown as Prisma.InputJsonValue,
            priority: req.spec.resources.priority,
            datasets,
          },
        });
      }
      await audit(tx, ctx, {
        action: "job.submit",
        entityType: "training-job",
        entityId: parent.id,
        after: { name: parent.name, trials: trials.length, spec: req.spec },
      });
      await tx.$executeRawUnsafe(`SELECT pg_notify('${JOBS_CHANNEL}', $1)`, parent.id);
      return { job: parent, created: true as const };
    }),
  );
}

/** Cancels a queued job at once; asks the worker to stop a running one (it does within seconds). */
export async function requestCancel(client: Db, ctx: RequestContext, jobId: string) {
  return client.$transaction(async (tx) => {
    const job = await tx.trainingJob.findUnique({ where: { id: jobId } });
    if (!job) throw new NotFound("Training job", jobId);
    if (TERMINAL_STATUSES.includes(job.status)) return job;
    if (job.kind === "sweep") {
      // Cancelling a sweep cancels its queued trials and stops its running ones.
      await tx.trainingJob.updateMany({
        where: { parentJobId: jobId, status: "queued" },
        data: { status: transition("queued", "cancelled"), cancelRequestedAt: new Date(), finishedAt: new Date() },
      });
      await tx.trainingJob.updateMany({ where: { parentJobId: jobId, status: "running" }, data: { cancelRequestedAt: new Date() } });
      const cancelled = await tx.trainingJob.update({
        where: { id: jobId },
        data: { status: transition(job.status, "cancelled"), cancelRequestedAt: new Date(), finishedAt: new Date() },
      });
      await audit(tx, ctx, {
        action: "job.cancel",
        entityType: "training-job",
        entityId: jobId,
        before: { status: job.status },
        after: { status: "cancelled" },
      });
      return cancelled;
    }
    const updated =
      job.status === "queued"
        ? await tx.trainingJob.update({
            where: { id: jobId },
            data: { status: transition(job.status, "cancelled"), cancelRequestedAt: new Date(), finishedAt: new Date() },
          })
        : await tx.trainingJob.update({ where: { id: jobId }, data: { cancelRequestedAt: new Date() } });
    await audit(tx, ctx, {
      action: "job.cancel",
      entityType: "training-job",
      entityId: jobId,
      before: { status: job.status },
      after: { status: updated.status, cancelRequested: true },
    });
    return updated;
  });
}

export async function appendJobLogs(client: Db | Prisma.TransactionClient, jobId: string, lines: { level?: string; message: string }[]) {
  if (lines.length) await client.jobLog.createMany({ data: lines.map((l) => ({ jobId, level: l.level ?? "info", message: l.message })) });
}

export interface WorkerFacts {
  id: string;
  hostname: string;
  pid: number;
  slots: number;
  busy: number;
  cpus: number;
  memoryMb: number;
  pools: string[];
  version: string;
  store: string;
}

export async function recordWorkerHeartbeat(client: Db, w: WorkerFacts) {
  const { id, hostname, pid, ...now } = w;
  await client.workerHeartbeat.upsert({ where: { id }, create: w, update: { ...now, heartbeatAt: new Date() } });
}
