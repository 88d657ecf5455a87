// The worker process: claims jobs from the PostgreSQL queue into N slots, runs each in a child
// process, and reports its own heartbeat. Woken by LISTEN/NOTIFY, with polling as a fallback.
// SIGTERM drains: it stops claiming and hands running jobs back to the queue, so none are lost.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { ROUNDHOUSE_VERSION } from "@roundhouse/contracts";
import {
  type AuditSigningKey,
  briefly,
  claimNextJob,
  createDb,
  JOBS_CHANNEL,
  pruneAccessRecords,
  pruneSilentWorkers,
  reclaimExpiredLeases,
  recordWorkerHeartbeat,
  settleSweep,
  writeCheckpoint,
} from "@roundhouse/db";
import { startRetrainingScheduler } from "@roundhouse/retraining";
import { objectStore } from "@roundhouse/store";
import pg from "pg";
import { sweepUnreferencedFiles } from "./artifact-store.ts";
import { LEASE_SECONDS, type SupervisedJob, superviseJob } from "./supervise-job.ts";
import { trainingChildren } from "./training-children.ts";
import { trainingEntry } from "./training-entry.ts";

export interface WorkerOptions {
  databaseUrl: string;
  slots: number;
  /** The pools whose jobs this worker runs (default ["default"]). */
  pools?: string[];
  /** The host name shown on the Jobs and Workers pages (default the machine's name). */
  host?: string;
  id?: string;
  pollMs?: number;
  log?: (line: string) => void;
  /** Sign the audit and decision chains' heads every `everyMs` (README: audit checkpoints). */
  checkpoints?: { key: AuditSigningKey; everyMs: number };
  /** Keep a training process started ahead of the next job (default true). */
  warmChild?: boolean;
  /** Take part in leading the retraining scheduler (default true; ROUNDHOUSE_SCHEDULER=off turns it off). */
  scheduler?: boolean;
  schedulerTickMs?: number;
}

export async function startWorker(opts: WorkerOptions) {
  const host = opts.host ?? os.hostname();
  const pools = opts.pools?.length ? opts.pools : ["default"];
  const id = opts.id ?? `${host}-${process.pid}-${randomUUID().slice(0, 8)}`;
  objectStore(); // a store setting that cannot work stops the worker here, with what is wrong
  const log = opts.log ?? ((line: string) => console.log(`[worker] ${line}`));
  const db = createDb(opts.databaseUrl, 4);
  const running = new Map<string, SupervisedJob>();
  const children = trainingChildren({ warm: opts.warmChild ?? true });
  let stopping = false;
  let filling = false;

  // The claim in flight, if any: stop() waits for it, so a job claimed just as the worker stops is
  // handed back with the others, and the pool is not closed under an open transaction.
  let claiming: Promise<void> = Promise.resolve();
  const fill = () => {
    if (filling || stopping) return claiming;
    claiming = claimWhileRoom();
    return claiming;
  };
  const claimWhileRoom = async () => {
    filling = true;
    try {
      while (!stopping && running.size < opts.slots) {
        const job = await claimNextJob(db, id, LEASE_SECONDS, { pools, host });
        if (!job) break;
        log(`running ${job.name} (${job.id}), attempt ${job.attempts}`);
        const supervised = superviseJob(db, id, job, children, log);
        running.set(job.id, supervised);
        void supervised.done.then(async () => {
          running.delete(job.id);
          // The database may be down right now: say so and go on (the sweep settles on a later end).
          try {
            const final = await db.trainingJob.findUnique({ where: { id: job.id }, select: { status: true, error: true } });
            // An operator reading the worker's log sees why a job failed, not only that it did.
            const why =
              final?.status === "failed" ? `: ${(final.error as { message?: string } | null)?.message ?? "no reason recorded"}` : "";
            log(`${job.name} (${job.id}) ${final?.status ?? "gone"}${why}`);
            if (job.parentJobId) await settleSweep(db, job.parentJobId, id);
          } catch (err) {
            log(`could not read or settle ${job.name} (${job.id}): ${briefly(err)}`);
          }
          void fill();
        });
      }
    } catch (err) {
      log(`could not claim a job: ${briefly(err)}`);
    } finally {
      filling = false;
    }
  };

  // NOTIFY wakes the worker at once; when the connection drops (a database restart), polling
  // carries on and the listener reconnects with back-off.
  let listener: pg.Client | null = null;
  const listen = async (attempt = 0): Promise<void> => {
    if (stopping) return;
    const client = new pg.Client({ connectionString: opts.databaseUrl });
    client.on("error", (err) => {
      log(`listen connection lost: ${err.message}; polling continues`);
      if (listener === client) listener = null;
      void client.end().catch(() => {});
      setTimeout(() => void listen(), 1000);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${JOBS_CHANNEL}`);
      client.on("notification", () => void fill());
      listener = client;
      if (attempt > 0) log("listening for new jobs again");
    } catch (err) {
      void client.end().catch(() => {});
      if (attempt === 0 && !stopping) log(`cannot listen for new jobs yet (${(err as Error).message}); polling meanwhile`);
      setTimeout(() => void listen(attempt + 1), Math.min(30_000, 1000 * 2 ** attempt)).unref();
    }
  };
  await listen();

  const beat = async () => {
    await recordWorkerHeartbeat(db, {
      id,
      hostname: host,
      pid: process.pid,
      slots: opts.slots,
      busy: running.size,
      cpus: os.availableParallelism(),
      memoryMb: Math.round(os.totalmem() / 1024 ** 2),
      pools,
      version: ROUNDHOUSE_VERSION,
      store: objectStore().location,
    }).catch((err) => log(`could not record the heartbeat: ${briefly(err)}`));
    const { requeued, failed } = await reclaimExpiredLeases(db, id).catch(() => ({ requeued: 0, failed: 0 }));
    if (requeued || failed) log(`reclaimed expired leases: ${requeued} back in the queue, ${failed} failed`);
  };
  await beat();
  const timers = [setInterval(() => void fill(), opts.pollMs ?? 2_000), setInterval(() => void beat(), 5_000)];
  const { checkpoints } = opts;
  if (checkpoints) {
    // Every worker signs; a checkpoint of unchanged heads is not written twice, so several are harmless.
    const signHeads = () =>
      writeCheckpoint(db, checkpoints.key).catch((err) => log(`could not write an audit checkpoint: ${(err as Error).message}`));
    void signHeads();
    timers.push(setInterval(() => void signHeads(), checkpoints.everyMs));
  }
  // Hourly: expired throttles, long-ended sessions, and model files no row refers to (an attempt
  // killed between writing its file and completing). Any worker may do it; the deletes are idempotent.
  const prune = async () => {
    await pruneAccessRecords(db).catch((err) => log(`could not prune sign-in records: ${briefly(err)}`));
    await pruneSilentWorkers(db).catch((err) => log(`could not prune old worker heartbeats: ${briefly(err)}`));
    const swept = await sweepUnreferencedFiles(db).catch((err) => {
      log(`could not sweep unreferenced files in the store: ${briefly(err)}`);
      return { removed: 0, bytes: 0 };
    });
    if (swept.removed) log(`removed ${swept.removed} file(s) no row refers to (${Math.round(swept.bytes / 1024)} KB)`);
  };
  void prune();
  timers.push(setInterval(() => void prune(), 3_600_000));
  const scheduler =
    (opts.scheduler ?? process.env.ROUNDHOUSE_SCHEDULER !== "off")
      ? startRetrainingScheduler(db, { databaseUrl: opts.databaseUrl, tickMs: opts.schedulerTickMs, log })
      : null;
  void fill();
  log(`worker ${id} ready with ${opts.slots} slot(s); ${trainingEntry().note}`);

  return {
    id,
    running: () => running.size,
    leadsScheduler: () => scheduler?.isLeader() ?? false,
    /** The training process of a job this worker runs (fault tests kill it). */
    childOf: (jobId: string) => running.get(jobId)?.pid,
    /** Stops claiming, hands running jobs back to the queue, and closes connections. */
    async stop() {
      stopping = true;
      for (const t of timers) clearInterval(t);
      await scheduler?.stop();
      await claiming;
      children.close();
      for (const job of running.values()) job.handBack();
      await Promise.all([...running.values()].map((j) => j.done));
      await listener?.end().catch(() => {});
      await db.workerHeartbeat.delete({ where: { id } }).catch(() => {});
      await db.$disconnect();
    },
  };
}
