// Runs one claimed job in a child process and watches it: renews the lease, stops the child when
// the job is cancelled or runs past its time limit, and records why a child that failed did so
// (its last words, or "ran out of memory") with the tail of its log.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { TrainingSpecSchema } from "@roundhouse/contracts";
import { appendJobLogs, type Db, finishJob, renewLease, retryOrFailJob } from "@roundhouse/db";

/** How long a claim lasts without a heartbeat; a lost worker's jobs return to the queue after it. */
export const LEASE_SECONDS = Number(process.env.ROUNDHOUSE_LEASE_SECONDS ?? 30);
const RENEW_EVERY_MS = Math.min(5_000, (LEASE_SECONDS * 1000) / 3);
const LOG_TAIL = 40;

export interface SupervisedJob {
  id: string;
  /** Resolves when the job's child is gone and its outcome is recorded. */
  done: Promise<void>;
  /** Stops the child and hands the job back to the queue (worker shutdown). */
  handBack: () => void;
}

export function superviseJob(db: Db, workerId: string, job: { id: string; spec: unknown }, log: (line: string) => void): SupervisedJob {
  const spec = TrainingSpecSchema.parse(job.spec);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", `--max-old-space-size=${spec.resources.memoryMb}`, path.join(import.meta.dirname, "run-job.ts")],
    {
      env: {
        ...process.env,
        ROUNDHOUSE_JOB_ID: job.id,
        ROUNDHOUSE_WORKER_ID: workerId,
        UV_THREADPOOL_SIZE: String(Math.max(2, spec.resources.cpu)),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const tail: string[] = [];
  let failure: string | null = null;
  let stopReason: "cancelled" | "timeout" | "memory" | "handBack" | "lost" | null = null;
  let peakMb = 0;
  const keep = (chunk: Buffer, level: string) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      if (line.startsWith("ROUNDHOUSE_FAILURE ")) failure = (JSON.parse(line.slice(19)) as { message: string }).message;
      else {
        tail.push(line);
        if (tail.length > LOG_TAIL) tail.shift();
        if (level === "error") void appendJobLogs(db, job.id, [{ level, message: line }]).catch(() => {});
      }
    }
  };
  child.stdout.on("data", (d) => keep(d, "info"));
  child.stderr.on("data", (d) => keep(d, "error"));

  const stop = (reason: NonNullable<typeof stopReason>) => {
    if (stopReason) return;
    stopReason = reason;
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 3_000).unref();
  };
  const timeout = setTimeout(() => stop("timeout"), spec.resources.timeoutSeconds * 1000);
  // --max-old-space-size bounds only the JavaScript heap; typed arrays and DuckDB live outside it,
  // so the whole process's resident memory is watched too.
  const memory = setInterval(() => {
    const mb = residentMb(child.pid);
    peakMb = Math.max(peakMb, mb);
    if (mb > spec.resources.memoryMb) stop("memory");
  }, 250);
  const renew = setInterval(async () => {
    try {
      const lease = await renewLease(db, job.id, workerId, LEASE_SECONDS);
      if (!lease.owned) stop("lost");
      else if (lease.cancelRequested) stop("cancelled");
    } catch (err) {
      log(`could not renew the lease of ${job.id}: ${(err as Error).message}`);
    }
  }, RENEW_EVERY_MS);

  const done = new Promise<void>((resolve) => {
    child.on("exit", async (code, signal) => {
      clearTimeout(timeout);
      clearInterval(renew);
      clearInterval(memory);
      try {
        if (code === 0 && !stopReason) return;
        if (stopReason === "handBack") {
          // running → queued: another worker (or this one after a restart) picks it up again.
          await db.trainingJob.updateMany({
            where: { id: job.id, leaseOwner: workerId, status: "running" },
            data: { status: "queued", leaseOwner: null, leaseExpiresAt: null, attempts: { decrement: 1 } },
          });
          return;
        }
        if (stopReason === "lost") return;
        if (stopReason === "cancelled") {
          await finishJob(db, job.id, workerId, "cancelled", {
            progress: { fraction: 0, step: "cancelled", message: "cancelled by request" },
          });
          return;
        }
        const outOfMemory =
          stopReason === "memory" || tail.some((l) => /heap out of memory|Allocation failed/i.test(l)) || signal === "SIGABRT";
        if (!stopReason && !failure && !outOfMemory) {
          // Not the job's fault (a signal, a crash, an OOM killer): another attempt may well succeed.
          const reason = `The training process exited unexpectedly (${signal ?? `code ${code}`}).`;
          const outcome = await retryOrFailJob(db, job.id, workerId, reason, tail.slice(-LOG_TAIL));
          log(`${job.id}: ${reason} ${outcome === "requeued" ? "Back in the queue." : outcome}`);
          return;
        }
        const message =
          stopReason === "timeout"
            ? `The job ran past its time limit of ${spec.resources.timeoutSeconds} s (resources.timeoutSeconds) and was stopped.`
            : outOfMemory
              ? `The job ran out of memory (limit ${spec.resources.memoryMb} MB, resources.memoryMb; it reached ${Math.round(peakMb)} MB). Use fewer rows or features, or raise the limit.`
              : (failure ?? "The training process failed.");
        await finishJob(db, job.id, workerId, "failed", { error: { message, logTail: tail.slice(-LOG_TAIL) } });
      } catch (err) {
        log(`could not record the outcome of ${job.id}: ${(err as Error).message}`);
      } finally {
        resolve();
      }
    });
  });
  return { id: job.id, done, handBack: () => stop("handBack") };
}

function residentMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}
