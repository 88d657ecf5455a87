// Every move of a training job's status, in one place. Each locks the row, checks the transition
// table against the status it actually has, is guarded by the lease where a worker makes it, and
// writes an audit event naming the acting worker (`worker:<id>`) in the same transaction, so a move
// and its record commit together. Workers never write job rows any other way.
import { type JobStatus, TERMINAL_STATUSES, type TrainingSpec, transition } from "@roundhouse/contracts";
import { audit, type RequestContext } from "./audit.ts";
import type { Db, Prisma } from "./client.ts";
import { type JobOutcome, recordOutcome } from "./job-outcome.ts";
import { appendJobLogs, JOBS_CHANNEL } from "./queue.ts";

type Tx = Prisma.TransactionClient;

/** The audit actor of a worker's moves. */
export const workerContext = (workerId: string): RequestContext => ({ actor: { id: null, label: `worker:${workerId}` } });

interface LockedJob {
  id: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
}

async function lockJob(tx: Tx, jobId: string): Promise<LockedJob | null> {
  const [row] = await tx.$queryRawUnsafe<LockedJob[]>(
    `SELECT id::text AS id, status::text AS status, attempts, max_attempts AS "maxAttempts", lease_owner AS "leaseOwner"
     FROM training_jobs WHERE id = $1::uuid FOR UPDATE`,
    jobId,
  );
  return row ?? null;
}

/** The locked job if `workerId` still holds it (running, its lease); null if the lease was lost. */
async function heldBy(tx: Tx, jobId: string, workerId: string): Promise<LockedJob | null> {
  const job = await lockJob(tx, jobId);
  return job?.status === "running" && job.leaseOwner === workerId ? job : null;
}

function inTransaction<T>(client: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // An interactive transaction's client has no $transaction of its own: nested calls join the outer one.
  return typeof (client as Db).$transaction === "function" ? (client as Db).$transaction(fn) : fn(client);
}

const jobEntity = (jobId: string) => ({ entityType: "training-job", entityId: jobId });

/** queued → running: claims the next runnable job of one of `pools` for `workerId` on `host`, or null. */
export async function claimNextJob(
  client: Db,
  workerId: string,
  leaseSeconds: number,
  { pools = ["default"], host = null }: { pools?: string[]; host?: string | null } = {},
) {
  const to = transition("queued", "running");
  return client.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ id: string; attempts: number }[]>(
      `UPDATE training_jobs SET status = '${to}', lease_owner = $1, lease_expires_at = now() + ($2 || ' seconds')::interval,
              heartbeat_at = now(), attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now(),
              worker_host = $4
       WHERE id = (SELECT t.id FROM training_jobs t LEFT JOIN training_jobs p ON p.id = t.parent_job_id
                   WHERE t.status = 'queued' AND t.run_after <= now()
                     AND coalesce(t.spec->'resources'->>'pool', 'default') = ANY($3::text[])
                     -- a sweep's trials run at most its parallelism at once
                     AND (p.id IS NULL OR (SELECT count(*) FROM training_jobs s WHERE s.parent_job_id = p.id AND s.status = 'running')
                                          < coalesce((p.spec->'train'->'sweep'->>'parallelism')::int, 1))
                   ORDER BY t.priority DESC, t.created_at ASC FOR UPDATE OF t SKIP LOCKED LIMIT 1)
       RETURNING id::text AS id, attempts`,
      workerId,
      String(leaseSeconds),
      pools,
      host,
    );
    const claimed = rows[0];
    if (!claimed) return null;
    const job = await tx.trainingJob.findUniqueOrThrow({ where: { id: claimed.id } });
    // Last in the transaction: the audit chain's lock is held only from here to the commit.
    await audit(tx, workerContext(workerId), {
      action: "job.claimed",
      ...jobEntity(claimed.id),
      before: { status: "queued" },
      after: { status: to, attempt: claimed.attempts },
    });
    return job;
  });
}

/** Extends the lease (not a status move); tells the worker whether it still holds the job and whether to cancel it. */
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

const FINISH_ACTION = { succeeded: "job.succeeded", failed: "job.failed", cancelled: "job.stopped" } as const;

/**
 * running → succeeded | failed | cancelled for a job the worker holds; false if it lost the lease
 * meanwhile (another attempt owns the outcome then). A success with a model goes through completeJob.
 */
export async function finishJob(
  client: Db | Tx,
  jobId: string,
  workerId: string,
  status: Extract<JobStatus, "succeeded" | "failed" | "cancelled">,
  fields: { error?: { message: string; logTail?: string[] }; stepTimings?: unknown; progress?: unknown } = {},
  auditAfter: Record<string, unknown> = {},
): Promise<boolean> {
  return inTransaction(client, async (tx) => {
    const job = await heldBy(tx, jobId, workerId);
    if (!job) return false;
    await tx.trainingJob.update({
      where: { id: jobId },
      data: {
        status: transition(job.status, status),
        finishedAt: new Date(),
        leaseOwner: null,
        leaseExpiresAt: null,
        ...(fields.error !== undefined ? { error: fields.error as Prisma.InputJsonValue } : {}),
        ...(fields.stepTimings !== undefined ? { stepTimings: fields.stepTimings as Prisma.InputJsonValue } : {}),
        ...(fields.progress !== undefined ? { progress: fields.progress as Prisma.InputJsonValue } : {}),
      },
    });
    await audit(tx, workerContext(workerId), {
      action: FINISH_ACTION[status],
      ...jobEntity(jobId),
      before: { status: job.status, attempt: job.attempts },
      after: { status, ...(fields.error ? { error: fields.error.message } : {}), ...auditAfter },
    });
    return true;
  });
}

/**
 * A scoring job: running → succeeded, keeping the dataset version it made (registered by the
 * child, found again by content hash if the job had to run twice) as the job's result. False if
 * the worker lost the lease.
 */
export async function completeScoringJob(
  client: Db,
  jobId: string,
  workerId: string,
  made: { datasetId: string; datasetVersionId: string; dataset: string; version: number; rows: number; stepTimings: unknown },
): Promise<boolean> {
  const { stepTimings, ...result } = made;
  return inTransaction(client, async (tx) => {
    if (!(await heldBy(tx, jobId, workerId))) return false;
    await tx.trainingJob.update({ where: { id: jobId }, data: { result: result as Prisma.InputJsonValue } });
    return finishJob(
      tx,
      jobId,
      workerId,
      "succeeded",
      { stepTimings, progress: { fraction: 1, step: "done", message: `${result.rows.toLocaleString("en-US")} rows scored` } },
      { output: `${result.dataset} v${result.version}`, datasetVersionId: result.datasetVersionId },
    );
  });
}

/**
 * running → succeeded with what the attempt made: its run, model file and (unless it is a
 * reproduction) model version are written in the same transaction that ends the job, so an attempt
 * killed at any point before leaves none of them. Null if the worker lost the lease.
 */
export async function completeJob(client: Db, jobId: string, workerId: string, outcome: JobOutcome) {
  return client.$transaction(async (tx) => {
    const job = await heldBy(tx, jobId, workerId);
    if (!job) return null;
    const recorded = await recordOutcome(tx, workerContext(workerId), jobId, job.attempts, outcome);
    const finished = await finishJob(
      tx,
      jobId,
      workerId,
      "succeeded",
      { stepTimings: outcome.stepTimings, progress: { fraction: 1, step: "done", message: "succeeded" } },
      { runId: recorded.runId, modelSha256: outcome.artifact.sha256, modelVersion: recorded.version },
    );
    if (!finished) return null;
    const sha = outcome.artifact.sha256.slice(0, 12);
    await appendJobLogs(tx, jobId, [
      {
        level: "info",
        message: recorded.version
          ? `registered ${recorded.version.model} version ${recorded.version.version} (model sha256 ${sha}…)`
          : `recorded run ${recorded.runId} (model sha256 ${sha}…)`,
      },
    ]);
    return recorded;
  });
}

/** running → queued at worker shutdown: the attempt does not count, another worker picks it up. */
export async function releaseJob(client: Db, jobId: string, workerId: string): Promise<boolean> {
  return client.$transaction(async (tx) => {
    const job = await heldBy(tx, jobId, workerId);
    if (!job) return false;
    await tx.trainingJob.update({
      where: { id: jobId },
      data: { status: transition(job.status, "queued"), leaseOwner: null, leaseExpiresAt: null, attempts: { decrement: 1 } },
    });
    await audit(tx, workerContext(workerId), {
      action: "job.released",
      ...jobEntity(jobId),
      before: { status: job.status, attempt: job.attempts },
      after: { status: "queued", reason: "the worker is shutting down" },
    });
    await tx.$executeRawUnsafe(`SELECT pg_notify('${JOBS_CHANNEL}', $1)`, jobId);
    return true;
  });
}

/** 2^attempts seconds, at most 5 minutes: the wait before an attempt that died is tried again. */
const backoffSeconds = (attempts: number) => Math.min(300, 2 ** attempts);

/**
 * A training child that died without finishing (a signal, a crash, the host lost) used one attempt:
 * the job goes back to the queue after a back-off, or fails once its attempts are used up. Guarded
 * by the lease, like finishing. Answers what happened.
 */
export async function retryOrFailJob(
  client: Db,
  jobId: string,
  workerId: string,
  reason: string,
  logTail: string[],
): Promise<"requeued" | "failed" | "lost"> {
  return client.$transaction(async (tx) => {
    const job = await heldBy(tx, jobId, workerId);
    if (!job) return "lost";
    if (job.attempts >= job.maxAttempts) {
      const message = `${reason} This was attempt ${job.attempts} of ${job.maxAttempts}, so the job failed.`;
      return (await finishJob(tx, jobId, workerId, "failed", { error: { message, logTail } })) ? "failed" : "lost";
    }
    const wait = backoffSeconds(job.attempts);
    await tx.trainingJob.update({
      where: { id: jobId },
      data: {
        status: transition(job.status, "queued"),
        leaseOwner: null,
        leaseExpiresAt: null,
        runAfter: new Date(Date.now() + wait * 1000),
      },
    });
    await audit(tx, workerContext(workerId), {
      action: "job.requeued",
      ...jobEntity(jobId),
      before: { status: job.status, attempt: job.attempts },
      after: { status: "queued", reason, retryInSeconds: wait },
    });
    await appendJobLogs(tx, jobId, [
      { level: "warn", message: `${reason} Attempt ${job.attempts} of ${job.maxAttempts}; trying again in ${wait} s.` },
    ]);
    return "requeued";
  });
}

/**
 * Jobs whose worker stopped renewing go back to the queue with back-off, or fail once their
 * attempts are used up; `workerId` is the worker that noticed. Any worker may call this: each job
 * is moved in its own transaction, skipping rows another worker is moving.
 */
export async function reclaimExpiredLeases(client: Db, workerId: string): Promise<{ requeued: number; failed: number }> {
  const expired = await client.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text AS id FROM training_jobs WHERE status = 'running' AND lease_expires_at < now()`,
  );
  const counts = { requeued: 0, failed: 0 };
  for (const { id } of expired) {
    const moved = await client.$transaction(async (tx) => {
      const [job] = await tx.$queryRawUnsafe<LockedJob[]>(
        `SELECT id::text AS id, status::text AS status, attempts, max_attempts AS "maxAttempts", lease_owner AS "leaseOwner"
         FROM training_jobs WHERE id = $1::uuid AND status = 'running' AND lease_expires_at < now() FOR UPDATE SKIP LOCKED`,
        id,
      );
      if (!job) return null;
      const exhausted = job.attempts >= job.maxAttempts;
      const to = transition(job.status, exhausted ? "failed" : "queued");
      const message = `The job's worker stopped responding ${job.attempts} times (attempt limit ${job.maxAttempts}).`;
      const wait = backoffSeconds(job.attempts);
      await tx.trainingJob.update({
        where: { id },
        data: exhausted
          ? { status: to, finishedAt: new Date(), leaseOwner: null, leaseExpiresAt: null, error: { message } }
          : { status: to, leaseOwner: null, leaseExpiresAt: null, runAfter: new Date(Date.now() + wait * 1000) },
      });
      await audit(tx, workerContext(workerId), {
        action: exhausted ? "job.failed" : "job.reclaimed",
        ...jobEntity(id),
        before: { status: job.status, attempt: job.attempts, worker: job.leaseOwner },
        after: exhausted ? { status: to, error: message } : { status: to, reason: "the worker's lease expired", retryInSeconds: wait },
      });
      return to;
    });
    if (moved === "failed") counts.failed++;
    else if (moved === "queued") counts.requeued++;
  }
  if (counts.requeued > 0) await client.$executeRawUnsafe(`SELECT pg_notify('${JOBS_CHANNEL}', 'reclaimed')`);
  return counts;
}

/**
 * When a sweep's trials have all ended, the sweep ends: succeeded with the best trial by its
 * objective if any trial succeeded, failed otherwise. Until then its progress counts finished trials.
 */
export async function settleSweep(client: Db, parentJobId: string, workerId: string): Promise<void> {
  await client.$transaction(async (tx) => {
    const parent = await lockJob(tx, parentJobId);
    if (parent?.status !== "running") return;
    const sweep = await tx.trainingJob.findUniqueOrThrow({ where: { id: parentJobId } });
    if (sweep.kind !== "sweep") return;
    // In creation order, as the sweep's page lists them: trials with equal scores stay in that order
    // in both, so the best trial named here is the first one shown.
    const trials = await tx.trainingJob.findMany({
      where: { parentJobId },
      include: { runs: { select: { metrics: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const done = trials.filter((t) => TERMINAL_STATUSES.includes(t.status));
    if (done.length < trials.length) {
      const message = `${done.length} of ${trials.length} trials done`;
      await tx.trainingJob.update({
        where: { id: parentJobId },
        data: { progress: { fraction: done.length / trials.length, step: "sweep", message } },
      });
      return;
    }
    const objective = (sweep.spec as unknown as TrainingSpec).train.sweep?.objective ?? { metric: "auc", direction: "maximize" };
    const scored = trials
      .filter((t) => t.status === "succeeded")
      .map((t) => ({ id: t.id, name: t.name, value: Number((t.runs[0]?.metrics as Record<string, number> | null)?.[objective.metric]) }))
      .filter((t) => Number.isFinite(t.value))
      .sort((a, b) => (objective.direction === "maximize" ? b.value - a.value : a.value - b.value));
    const best = scored[0];
    const to = transition(parent.status, best ? "succeeded" : "failed");
    const message = best ? `best: ${best.name} with ${objective.metric} ${best.value.toFixed(4)}` : "no trial succeeded";
    await tx.trainingJob.update({
      where: { id: parentJobId },
      data: {
        status: to,
        finishedAt: new Date(),
        progress: { fraction: 1, step: "done", message, bestTrialId: best?.id ?? null } as Prisma.InputJsonValue,
        ...(best ? {} : { error: { message: `None of the ${trials.length} trials succeeded with a ${objective.metric}.` } }),
      },
    });
    await audit(tx, workerContext(workerId), {
      action: best ? "job.succeeded" : "job.failed",
      ...jobEntity(parentJobId),
      before: { status: parent.status },
      after: { status: to, trials: trials.length, succeeded: scored.length, bestTrialId: best?.id ?? null, message },
    });
  });
}

/** What the training child reported since the last write: progress (only while the worker holds the job), log lines and loss points. */
export async function recordJobProgress(
  client: Db,
  jobId: string,
  workerId: string,
  attempt: number,
  report: {
    progress?: { fraction: number; step: string; message: string } | null;
    logs: { level: string; message: string }[];
    points: { name: string; iteration: number; value: number }[];
  },
): Promise<void> {
  if (report.progress) {
    await client.trainingJob.updateMany({
      where: { id: jobId, leaseOwner: workerId, status: "running" },
      data: { progress: report.progress as Prisma.InputJsonValue, heartbeatAt: new Date() },
    });
  }
  await appendJobLogs(client, jobId, report.logs);
  if (report.points.length) {
    await client.metricPoint.createMany({ data: report.points.map((p) => ({ jobId, attempt, ...p })), skipDuplicates: true });
  }
}
