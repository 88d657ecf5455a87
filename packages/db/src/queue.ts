// The training-job queue in PostgreSQL. The row is the truth (spec, status, attempts, lease,
// progress); NOTIFY only wakes workers, who then claim with FOR UPDATE SKIP LOCKED by priority and
// age. A claim is a lease renewed by heartbeats: a worker that dies stops renewing, and the job goes
// back to the queue (with backoff) until its attempts run out. Finishing is guarded by the lease
// owner, so a job is never completed twice.
import { type JobStatus, NotFound, TERMINAL_STATUSES, type TrainingSpec, transition } from "@roundhouse/contracts";
import { audit, type RequestContext } from "./audit.ts";
import type { Db, Prisma } from "./client.ts";

export const JOBS_CHANNEL = "roundhouse_jobs";

export interface EnqueueRequest {
  spec: TrainingSpec;
  ownerId: string;
  datasetVersionIds: string[];
  idempotencyKey?: string;
  retryOfJobId?: string;
}

export async function enqueueJob(client: Db, ctx: RequestContext, req: EnqueueRequest) {
  if (req.idempotencyKey) {
    const existing = await client.trainingJob.findUnique({ where: { idempotencyKey: req.idempotencyKey } });
    if (existing && existing.ownerId === req.ownerId) return { job: existing, created: false };
  }
  return client.$transaction(async (tx) => {
    const job = await tx.trainingJob.create({
      data: {
        name: req.spec.metadata.name,
        project: req.spec.metadata.project,
        ownerId: req.ownerId,
        spec: req.spec as unknown as Prisma.InputJsonValue,
        priority: req.spec.resources.priority,
        idempotencyKey: req.idempotencyKey,
        retryOfJobId: req.retryOfJobId,
        datasets: { create: req.datasetVersionIds.map((datasetVersionId) => ({ datasetVersionId })) },
      },
    });
    await audit(tx, ctx, {
      action: req.retryOfJobId ? "job.retry" : "job.submit",
      entityType: "training-job",
      entityId: job.id,
      after: { name: job.name, spec: req.spec },
    });
    await tx.$executeRawUnsafe(`SELECT pg_notify('${JOBS_CHANNEL}', $1)`, job.id);
    return { job, created: true };
  });
}

/** Claims the next runnable job for `workerId`, or null. */
export async function claimNextJob(client: Db, workerId: string, leaseSeconds: number) {
  const rows = await client.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE training_jobs SET status = 'running', lease_owner = $1, lease_expires_at = now() + ($2 || ' seconds')::interval,
            heartbeat_at = now(), attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now()
     WHERE id = (SELECT id FROM training_jobs WHERE status = 'queued' AND run_after <= now()
                 ORDER BY priority DESC, created_at ASC FOR UPDATE SKIP LOCKED LIMIT 1)
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
