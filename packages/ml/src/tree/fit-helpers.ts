// The helper threads of parallel fits (parallel-fit.ts), kept between fits: each runs fit-worker.js,
// which waits for a fit's shared memory and control words and then for its jobs.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/** A helper thread, kept between fits. */
export interface Helper {
  worker: Worker;
  /** Its place in the fit it serves (for messages). */
  index: number;
  stopped: boolean;
  /** The serving fit's: the helper has stopped (it could not start, or it crashed). */
  onStop: (() => void) | null;
  stop(): void;
}

/**
 * Helpers waiting for a fit. A thread takes 60–80 ms to start (Node.js's environment, then the
 * module), time a 200k-row fit on two threads spent working alone; kept, the next fit has its
 * helpers at once. They do not keep the process alive (unref).
 */
const idleHelpers: Helper[] = [];

/** Starts helper threads until `count` wait for a fit (a fit about to begin calls it first). */
export function startHelpers(count: number) {
  while (idleHelpers.length < count) idleHelpers.push(spawnHelper());
}

/**
 * The threads a fit asked for `threads` runs on: at most the machine's cores. Threads beyond them
 * spin waiting for each other's parts on shared cores: on a 2-core machine a 60k-row fit took 1.3 s
 * on 3 threads against 0.18 s on 1, and 30k rows × 300 features 5.5 s on 4 against 1.4 s on 2.
 * Every thread count grows the same model, so this changes only the time.
 */
export function fitThreads(threads: number): number {
  return Math.max(1, Math.min(Math.floor(threads), availableParallelism()));
}

/**
 * Starts the helper threads a fit on `threads` threads takes, so that they are ready when it begins:
 * callers that read a fit's data first (the CLI, a training job) call it before reading. A helper
 * takes 60-80 ms to start, which a 200k-row fit on two threads otherwise spends alone. Helpers a
 * fit does not take (it has too few rows) wait, and do not keep the process alive.
 */
export function prepareFitThreads(threads: number) {
  startHelpers(fitThreads(threads) - 1);
}

/** A helper back from a fit it served well: it waits for the next (unless it has stopped meanwhile). */
export function returnHelper(helper: Helper) {
  if (!helper.stopped) idleHelpers.push(helper);
}

export function takeHelper(): Helper {
  return idleHelpers.pop() ?? spawnHelper();
}

function spawnHelper(): Helper {
  // Plain JavaScript importing only node:worker_threads: no loader flags (tsx) to start up.
  const worker = new Worker(new URL("./fit-worker.js", import.meta.url), { execArgv: [] });
  worker.unref();
  const helper: Helper = {
    worker,
    index: 0,
    stopped: false,
    onStop: null,
    stop() {
      helper.stopped = true;
      const at = idleHelpers.indexOf(helper);
      if (at >= 0) idleHelpers.splice(at, 1);
      void worker.terminate();
    },
  };
  // Without a listener, a helper's error (it cannot start, or it crashes between jobs) would crash
  // this process once the fit, which blocks the event loop, is over: the model would be lost.
  worker.on("error", (error) => {
    console.error(`roundhouse: fit helper thread ${helper.index} stopped: ${error.message}`);
    helper.onStop?.();
    helper.stop();
  });
  return helper;
}
