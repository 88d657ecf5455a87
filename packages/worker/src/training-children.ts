// The processes that train: one per job, each with the job's memory limit and thread pool. One is
// kept started ahead ("warm") with the resources of the last job, so the next job does not wait
// for Node, DuckDB and Prisma to load (about 1 s); it is told its job on stdin, and warms the
// learning engine while it waits (engine-warm-up.ts). A job with other resources gets a process of
// its own at once. The next one starts beside a job that leaves a core free, or after a job on all.
import { type ChildProcessByStdio, spawn } from "node:child_process";
import os from "node:os";
import type { Readable, Writable } from "node:stream";
import { DEFAULT_RESOURCES } from "@roundhouse/contracts";
import { duckDbMemoryWithin } from "@roundhouse/data";
import { trainingEntry } from "./training-entry.ts";

export type TrainingChild = ChildProcessByStdio<Writable, Readable, Readable>;
interface Resources {
  memoryMb: number;
  cpu: number;
}

/** A child for a job on these resources; `ahead` of its job, it warms the learning engine while it waits (engine-warm-up.ts). */
function start(resources: Resources, ahead: boolean): TrainingChild {
  // Deprecation notices (pg's, about Prisma's driver adapter) are the libraries' business, not a line
  // in the job's log, where everything on stderr reads as an error.
  return spawn(
    process.execPath,
    [`--max-old-space-size=${resources.memoryMb}`, "--disable-warning=DeprecationWarning", ...trainingEntry().args],
    {
      env: {
        ...process.env,
        UV_THREADPOOL_SIZE: String(Math.max(2, resources.cpu)),
        ROUNDHOUSE_DUCKDB_MEMORY_MB: String(duckDbMemoryWithin(resources.memoryMb)),
        ...(ahead ? { ROUNDHOUSE_WARM_UP_THREADS: String(resources.cpu) } : {}),
      },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
}

export interface TrainingChildrenOptions {
  /** Keep a child started ahead (default true). */
  warm?: boolean;
  /** How a child is started (the training entry; tests start lighter processes). */
  startChild?: (resources: Resources, ahead: boolean) => TrainingChild;
  /** The machine's cores. */
  cores?: number;
}

export function trainingChildren({ warm = true, startChild = start, cores = os.availableParallelism() }: TrainingChildrenOptions = {}) {
  let ready: { resources: Resources; child: TrainingChild } | null = null;
  let closed = false;
  const same = (a: Resources, b: Resources) => a.memoryMb === b.memoryMb && a.cpu === b.cpu;
  const refill = (resources: Resources) => {
    if (closed || !warm) return;
    const child = startChild(resources, true);
    // Nothing reads an idle child's output; a child that dies idle is simply not used.
    child.on("error", () => {});
    ready = { resources, child };
  };
  // The first job need not wait either: warm up for the default resources now.
  refill({ memoryMb: DEFAULT_RESOURCES.memoryMb, cpu: DEFAULT_RESOURCES.cpu });
  return {
    /** A process for this job, already started if one with these resources was waiting; told its job at once. */
    take(jobId: string, resources: Resources): TrainingChild {
      const alive = (c: TrainingChild) => c.exitCode === null && c.signalCode === null;
      const waiting = ready && same(ready.resources, resources) && alive(ready.child) ? ready.child : null;
      if (waiting) ready = null;
      const child = waiting ?? startChild(resources, false);
      // If it died a moment ago, the write fails and its "close" says so to the supervisor.
      child.stdin.on("error", () => {});
      child.stdin.write(`job ${jobId}\n`);
      const replace = () => {
        if (!ready || !same(ready.resources, resources)) {
          ready?.child.kill();
          refill(resources);
        }
      };
      // The next child starts at once beside a job that leaves a core free. Beside a job on every
      // core it would take one from the fit while Node, DuckDB and Prisma load (about 1 s of a
      // core): on this 2-core machine a 2-thread fit of 48k × 40 then took 1.9–2.1 s, and its helper,
      // judged too slow to wait for, sat out 50–164 of its 200 trees. It starts when the job ends.
      if (resources.cpu < cores) setImmediate(replace);
      else child.once("close", replace);
      return child;
    },
    close() {
      closed = true;
      ready?.child.kill();
      ready = null;
    },
  };
}
