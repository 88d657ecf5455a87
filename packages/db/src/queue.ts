// The training-job queue in PostgreSQL. The row is the truth (spec, status, attempts, lease,
// progress); NOTIFY only wakes workers, who then claim with FOR UPDATE SKIP LOCKED by priority and
// age. A claim is a lease renewed by heartbeats: a worker that dies stops renewing, and the job goes
// back to the queue (with backoff) until its attempts run out. Finishing is guarded by the lease
// owner, so a job is never completed twice.
import {
  Conflict,
  type JobStatus,
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
  spec: TrainingSpec;
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
export async function enqueueSweep(client: Db, ctx: RequestContext, req: EnqueueRequest) {
  const sweep = req.spec.train.sweep;
  if (!sweep) throw new Error("enqueueSweep needs a spec with train.sweep");
  const { trials } = sweepTrialParams(req.spec.train.algorithm, req.spec.train.params, sweep);
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

/**
 * When a sweep's trials have all ended, the sweep ends: succeeded with the best trial by its
 * objective if any trial succeeded, failed otherwise. Until then its progress counts finished trials.
 */
export async function settleSweep(client: Db, parentJobId: string): Promise<void> {
  const parent = await client.trainingJob.findUnique({ where: { id: parentJobId } });
  if (parent?.kind !== "sweep" || parent.status !== "running") return;
  const trials = await client.trainingJob.findMany({ where: { parentJobId }, include: { runs: { select: { metrics: true } } } });
  const done = trials.filter((t) => TERMINAL_STATUSES.includes(t.status));
  if (done.length < trials.length) {
    await client.trainingJob.update({
      where: { id: parentJobId },
      data: {
        progress: { fraction: done.length / trials.length, step: "sweep", message: `${done.length} of ${trials.length} trials done` },
      },
    });
    return;
  }
  const objective = (parent.spec as unknown as TrainingSpec).train.sweep?.objective ?? { metric: "auc", direction: "maximize" };
  const scored = trials
    .filter((t) => t.status === "succeeded")
    .map((t) => ({ id: t.id, name: t.name, value: Number((t.runs[0]?.metrics as Record<string, number> | null)?.[objective.metric]) }))
    .filter((t) => Number.isFinite(t.value))
    .sort((a, b) => (objective.direction === "maximize" ? b.value - a.value : a.value - b.value));
  const best = scored[0];
  await client.trainingJob.updateMany({
    where: { id: parentJobId, status: "running" },
    data: {
      status: best ? "succeeded" : "failed",
      finishedAt: new Date(),
      progress: {
        fraction: 1,
        step: "done",
        message: best ? `best: ${best.name} with ${objective.metric} ${best.value.toFixed(4)}` : "no trial succeeded",
        bestTrialId: best?.id ?? null,
      } as Prisma.InputJsonValue,
      ...(best ? {} : { error: { message: `None of the ${trials.length} trials succeeded with a ${objective.metric}.` } }),
    },
  });
}

/** Claims the next runnable job for `workerId`, or null. */
export async function claimNextJob(client: Db, workerId: string, leaseSeconds: number) {
  const rows = await client.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE training_jobs SET status = 'running', lease_owner = $1, lease_expires_at = now() + ($2 || ' seconds')::interval,
            heartbeat_at = now(), attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now()
     WHERE id = (SELECT t.id FROM training_jobs t LEFT JOIN training_jobs p ON p.id = t.parent_job_id
                 WHERE t.status = 'queued' AND t.run_after <= now()
                   -- a sweep's trials run at most its parallelism at once
                   AND (p.id IS NULL OR (SELECT count(*) FROM training_jobs s WHERE s.parent_job_id = p.id AND s.status = 'running')
                                        < coalesce((p.spec->'train'->'sweep'->>'parallelism')::int, 1))
                 ORDER BY t.priority DESC, t.created_at ASC FOR UPDATE OF t SKIP LOCKED LIMIT 1)
     RETURNING id::text AS id`,
    workerId,
    String(leaseSeconds),
  );
  const id = rows[0]?.id;
  return id ? client.trainingJob.findUnique({ where: { id } }) : null;
}

/** Extends the lease; tells the worker whether it still holds the job and whether to cancel it. */
export async function renewLease(
  client: Db,
  jobId: string,
  workerId: string,
  leaseSeconds: number,
): Promise<{ owned: boolean; cancelRequested: boolean }> {
  const rows = await client.$queryRawUnsafe<{ cancel: boolean }[]>(
    `UPDATE training_jobs SET lease_expires_at = now() + ($3 || ' seconds')::interval, heartbeat_at = now()
     WHERE id = $1::uuid AND lease_owner = $2 AND status = 'running'
     RETURNING cancel_requested_at IS NOT NULL AS cancel`,
    jobId,
    workerId,
    String(leaseSeconds),
  );
  return { owned: rows.length === 1, cancelRequested: rows[0]?.cancel === true };
}

/** Moves a running job the worker owns to a final status; false if it lost the lease meanwhile. */
export async function finishJob(
  client: Db | Prisma.TransactionClient,
  jobId: string,
  workerId: string,
  status: Extract<JobStatus, "succeeded" | "failed" | "cancelled">,
  fields: { error?: unknown; stepTimings?: unknown; progress?: unknown } = {},
): Promise<boolean> {
  transition("running", status);
  const updated = await client.trainingJob.updateMany({
    where: { id: jobId, leaseOwner: workerId, status: "running" },
    data: {
      status,
      finishedAt: new Date(),
      leaseOwner: null,
      leaseExpiresAt: null,
      ...(fields.error !== undefined ? { error: fields.error as Prisma.InputJsonValue } : {}),
      ...(fields.stepTimings !== undefined ? { stepTimings: fields.stepTimings as Prisma.InputJsonValue } : {}),
      ...(fields.progress !== undefined ? { progress: fields.progress as Prisma.InputJsonValue } : {}),
    },
  });
  return updated.count === 1;
}

/**
 * A training child that died without finishing (a signal, a crash, the host lost) used one attempt:
 * the job goes back to the queue after 2^attempts seconds (at most 5 minutes), or fails once its
 * attempts are used up. Guarded by the lease, like finishing. Answers what happened.
 */
export async function retryOrFailJob(
  client: Db,
  jobId: string,
  workerId: string,
  reason: string,
  logTail: string[],
): Promise<"requeued" | "failed" | "lost"> {
  const job = await client.trainingJob.findFirst({ where: { id: jobId, leaseOwner: workerId, status: "running" } });
  if (!job) return "lost";
  if (job.attempts >= job.maxAttempts) {
    const message = `${reason} This was attempt ${job.attempts} of ${job.maxAttempts}, so the job failed.`;
    return (await finishJob(client, jobId, workerId, "failed", { error: { message, logTail } })) ? "failed" : "lost";
  }
  transition("running", "queued");
  const backoffSeconds = Math.min(300, 2 ** job.attempts);
  const requeued = await client.trainingJob.updateMany({
    where: { id: jobId, leaseOwner: workerId, status: "running" },
    data: { status: "queued", leaseOwner: null, leaseExpiresAt: null, runAfter: new Date(Date.now() + backoffSeconds * 1000) },
  });
  if (requeued.count !== 1) return "lost";
  await appendJobLogs(client, jobId, [
    { level: "warn", message: `${reason} Attempt ${job.attempts} of ${job.maxAttempts}; trying again in ${backoffSeconds} s.` },
  ]);
  return "requeued";
}

/**
 * Jobs whose worker stopped renewing go back to the queue with exponential backoff, or fail once
 * their attempts are used up. Any worker may call this; it is idempotent.
 */
export async function reclaimExpiredLeases(client: Db): Promise<{ requeued: number; failed: number }> {
  const failed = await client.$executeRawUnsafe(
    `UPDATE training_jobs SET status = 'failed', finished_at = now(), lease_owner = NULL, lease_expires_at = NULL,
            error = jsonb_build_object('message', 'The job''s worker stopped responding ' || attempts || ' times (attempt limit ' || max_attempts || ').')
     WHERE status = 'running' AND lease_expires_at < now() AND attempts >= max_attempts`,
  );
  const requeued = await client.$executeRawUnsafe(
    `UPDATE training_jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL,
            run_after = now() + make_interval(secs => least(300, 2 ^ attempts))
     WHERE status = 'running' AND lease_expires_at < now() AND attempts < max_attempts`,
  );
  if (requeued > 0) await client.$executeRawUnsafe(`SELECT pg_notify('${JOBS_CHANNEL}', 'reclaimed')`);
  return { requeued, failed };
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
        data: { status: "cancelled", cancelRequestedAt: new Date(), finishedAt: new Date() },
      });
      await tx.trainingJob.updateMany({ where: { parentJobId: jobId, status: "running" }, data: { cancelRequestedAt: new Date() } });
      const cancelled = await tx.trainingJob.update({
        where: { id: jobId },
        data: { status: transition("running", "cancelled"), cancelRequestedAt: new Date(), finishedAt: new Date() },
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
            data: { status: transition("queued", "cancelled"), cancelRequestedAt: new Date(), finishedAt: new Date() },
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

export async function appendJobLogs(client: Db, jobId: string, lines: { level?: string; message: string }[]) {
  if (lines.length) await client.jobLog.createMany({ data: lines.map((l) => ({ jobId, level: l.level ?? "info", message: l.message })) });
}

export async function recordWorkerHeartbeat(client: Db, w: { id: string; hostname: string; pid: number; slots: number }) {
  await client.workerHeartbeat.upsert({ where: { id: w.id }, create: { ...w }, update: { heartbeatAt: new Date(), slots: w.slots } });
}
