// Runs one claimed job in a child process and watches it: records what the child reports while it
// trains, renews the lease, stops the child when the job is cancelled or runs past its time limit,
// and records the outcome: what a successful child made (completeJob), or why it failed (its last
// words, or "ran out of memory") with the tail of its log.
import fs from "node:fs";
import readline from "node:readline";
import { ResourcesSchema } from "@roundhouse/contracts";
import { briefly, completeJob, completeScoringJob, type Db, finishJob, releaseJob, renewLease, retryOrFailJob } from "@roundhouse/db";
import { type ChildLine, type Outcome, parseChildLine, type Scored } from "./child-protocol.ts";
import { ProgressReporter } from "./progress-reporter.ts";
import type { trainingChildren } from "./training-children.ts";

/** How long a claim lasts without a heartbeat; a lost worker's jobs return to the queue after it. */
export const LEASE_SECONDS = Number(process.env.ROUNDHOUSE_LEASE_SECONDS ?? 30);
const RENEW_EVERY_MS = Math.min(5_000, (LEASE_SECONDS * 1000) / 3);
const LOG_TAIL = 40;

export interface SupervisedJob {
  id: string;
  /** The training process's (for fault tests). */
  pid: number | undefined;
  /** Resolves when the job's child is gone and its outcome is recorded. */
  done: Promise<void>;
  /** Stops the child and hands the job back to the queue (worker shutdown). */
  handBack: () => void;
}

export function superviseJob(
  db: Db,
  workerId: string,
  job: { id: string; spec: unknown; attempts: number },
  children: ReturnType<typeof trainingChildren>,
  log: (line: string) => void,
): SupervisedJob {
  // A training spec and a scoring spec both carry resources; the rest is the child's business.
  const spec = { resources: ResourcesSchema.parse((job.spec as { resources?: unknown }).resources) };
  const child = children.take(job.id, spec.resources);
  // A process that could not start (no memory, no such file) ends in "close" with no outcome: an attempt that died.
  child.on("error", (err) => log(`the training process of ${job.id} failed: ${err.message}`));
  let quietUntil = 0;
  const reporter = new ProgressReporter(db, job, workerId, (err) => {
    // Said once a minute at most: a database outage would otherwise print a line a second.
    if (Date.now() < quietUntil) return;
    quietUntil = Date.now() + 60_000;
    log(`could not record the progress of ${job.id} yet (kept for later): ${briefly(err)}`);
  });
  const tail: string[] = [];
  let failure: string | null = null;
  let retryable = false;
  let outcome: Outcome | null = null;
  let scored: Scored | null = null;
  let stopReason: "cancelled" | "timeout" | "memory" | "handBack" | "lost" | null = null;
  let peakMb = 0;
  const hear = (line: string, level: "info" | "error") => {
    const said: ChildLine = level === "error" ? { kind: "log", message: line } : parseChildLine(line);
    if (said.kind === "progress") reporter.setProgress(said.progress);
    else if (said.kind === "points") reporter.addPoints(said.points);
    else if (said.kind === "outcome") outcome = said.outcome;
    else if (said.kind === "scored") scored = said.scored;
    else if (said.kind === "failure") {
      failure = said.message;
      retryable = said.retry;
    } else {
      tail.push(said.message);
      if (tail.length > LOG_TAIL) tail.shift();
      reporter.log(said.message, level);
    }
  };
  readline.createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (l) => hear(l, "info"));
  readline.createInterface({ input: child.stderr, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (l) => hear(l, "error"));

  const stop = (reason: NonNullable<typeof stopReason>) => {
    if (stopReason) return;
    stopReason = reason;
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 3_000).unref();
  };
  const timeout = setTimeout(() => stop("timeout"), spec.resources.timeoutSeconds * 1000);
  // --max-old-space-size bounds only the JavaScript heap; typed arrays, DuckDB and a workflow's
  // Python live outside it, so the resident memory of the process and its children is watched too.
  const memory = setInterval(() => {
    const mb = residentMb(child.pid);
    peakMb = Math.max(peakMb, mb);
    if (mb > spec.resources.memoryMb) stop("memory");
  }, 250);
  // Renewed until the outcome is recorded, which may wait for the database to come back.
  const renew = setInterval(async () => {
    try {
      const lease = await renewLease(db, job.id, workerId, LEASE_SECONDS);
      if (!lease.owned) stop("lost");
      else if (lease.cancelRequested) stop("cancelled");
    } catch (err) {
      log(`could not renew the lease of ${job.id}: ${briefly(err)}`);
    }
  }, RENEW_EVERY_MS);

  const record = async (code: number | null, signal: NodeJS.Signals | null, stepTimings: unknown[]) => {
    await reporter.close();
    if (stopReason === "lost") return;
    // Shutdown: running → queued, so another worker (or this one after a restart) picks it up again.
    if (stopReason === "handBack") return void (await releaseJob(db, job.id, workerId));
    if (stopReason === "cancelled") {
      await finishJob(db, job.id, workerId, "cancelled", {
        stepTimings,
        progress: { fraction: 0, step: "cancelled", message: "cancelled by request" },
      });
      return;
    }
    if (code === 0 && !stopReason && (outcome || scored)) {
      const done = outcome
        ? await completeJob(db, job.id, workerId, outcome)
        : await completeScoringJob(db, job.id, workerId, scored as Scored);
      if (!done) log(`${job.id}: the lease was lost before the outcome was recorded; another attempt owns the job`);
      return;
    }
    const outOfMemory =
      stopReason === "memory" || tail.some((l) => /heap out of memory|Allocation failed/i.test(l)) || signal === "SIGABRT";
    if (!stopReason && (!failure || retryable) && !outOfMemory) {
      // Not the job's fault (a signal, a crash, an OOM killer, an error that is no bad data or spec):
      // another attempt may well succeed.
      const reason = failure
        ? `The training process failed: ${failure.replace(/\.\s*$/, "")}.`
        : code === 0
          ? "The training process ended without reporting a result."
          : `The training process exited unexpectedly (${signal ?? `code ${code}`}).`;
      const answer = await retryOrFailJob(db, job.id, workerId, reason, tail.slice(-LOG_TAIL));
      log(`${job.id}: ${reason} ${answer === "requeued" ? "Back in the queue." : answer}`);
      return;
    }
    const message =
      stopReason === "timeout"
        ? `The job ran past its time limit of ${spec.resources.timeoutSeconds} s (resources.timeoutSeconds) and was stopped.`
        : outOfMemory
          ? `The job ran out of memory (limit ${spec.resources.memoryMb} MB, resources.memoryMb; it reached ${Math.round(peakMb)} MB). Use fewer rows or features, or raise the limit.`
          : (failure ?? "The training process failed.");
    await finishJob(db, job.id, workerId, "failed", { stepTimings, error: { message, logTail: tail.slice(-LOG_TAIL) } });
  };

  // "close", not "exit": every line the child wrote has been read by then.
  const done = new Promise<void>((resolve) => {
    child.on("close", async (code, signal) => {
      clearTimeout(timeout);
      clearInterval(memory);
      const stepTimings = reporter.stepTimings();
      if (stopReason === "cancelled")
        reporter.log(`stopped during ${stepTimings.at(-1)?.step ?? "start-up"}: cancelled by request`, "warn");
      try {
        await untilRecorded(
          () => record(code, signal, stepTimings),
          (err, wait) => log(`could not record the outcome of ${job.id} (${briefly(err)}); trying again in ${wait / 1000} s`),
        );
      } catch (err) {
        log(`gave up recording the outcome of ${job.id}: ${briefly(err)}; its lease will expire and another attempt will run it`);
      } finally {
        clearInterval(renew);
        resolve();
      }
    });
  });
  return { id: job.id, pid: child.pid, done, handBack: () => stop("handBack") };
}

/**
 * Recording an outcome is retried while the database is away (a restart takes seconds): every
 * move is guarded by the lease, so a retry after a commit whose answer was lost changes nothing.
 */
async function untilRecorded(fn: () => Promise<void>, onRetry: (err: unknown, waitMs: number) => void, tries = 8) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= tries) throw err;
      const wait = Math.min(8_000, 500 * 2 ** attempt);
      onRetry(err, wait);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** The resident memory of a process and its descendants (a workflow's Python counts against the job). */
function residentMb(pid: number | undefined, depth = 0): number {
  if (pid === undefined || depth > 4) return 0;
  let mb = 0;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    mb = kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
  for (const child of childPids(pid)) mb += residentMb(child, depth + 1);
  return mb;
}

function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
