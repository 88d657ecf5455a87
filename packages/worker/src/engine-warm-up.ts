// A training child started ahead of its job warms the learning engine while it waits
// (@roundhouse/ml warm-up.ts: a process's first fit otherwise runs while V8 compiles it). By
// default only on idle cores: the worker's other jobs run meanwhile, and a warm-up that slowed them
// would cost them what it saves the next one. It stops when the job comes, after the step that is
// running (0.1–0.5 s).
import os from "node:os";
import { setImmediate, setTimeout as sleep } from "node:timers/promises";
import { warmUpSteps } from "@roundhouse/ml";

/** ROUNDHOUSE_WARM_UP: `idle` (the default) warms on idle cores only, `always` regardless, `off` not at all. */
export type WarmUpMode = "idle" | "always" | "off";
export const warmUpMode = (text: string | undefined): WarmUpMode => (text === "always" || text === "off" ? text : "idle");

/** How long the machine's idle time is sampled before each step. */
const SAMPLE_MS = 100;
/** A step runs when this share of the cores it keeps busy was idle over the sample. */
const IDLE_SHARE = 0.8;
/** A busy machine is asked again this often (until the job comes). */
const RETRY_MS = 500;

export interface WarmUpReport {
  /** The steps that ran, in order. */
  steps: string[];
  millis: number;
  /** How long it waited for idle cores. */
  busyMillis: number;
  /** Whether the job came before the last step. */
  stopped: boolean;
}

/** The machine's idle cores over the next `ms` (its idle time in that span over the span). */
export async function idleCores(ms = SAMPLE_MS): Promise<number> {
  const idle = () => os.cpus().reduce((sum, cpu) => sum + cpu.times.idle, 0);
  const before = idle();
  const t = performance.now();
  await sleep(ms);
  return (idle() - before) / (performance.now() - t);
}

/** Runs the warm-up steps for a job on `threads` threads while `jobCame()` is false. */
export async function warmUpWhileWaiting(threads: number, jobCame: () => boolean, mode: WarmUpMode): Promise<WarmUpReport> {
  const steps: string[] = [];
  let millis = 0;
  let busyMillis = 0;
  const report = (stopped: boolean) => ({ steps, millis: Math.round(millis), busyMillis: Math.round(busyMillis), stopped });
  if (mode === "off") return report(false);
  for (const step of warmUpSteps(threads)) {
    const asked = performance.now();
    while (mode === "idle" && !jobCame() && (await idleCores()) < IDLE_SHARE * step.threads) await sleep(RETRY_MS);
    // Less the one sample any step takes.
    busyMillis += Math.max(0, performance.now() - asked - (mode === "idle" ? SAMPLE_MS : 0));
    // A job line that came during the last step is read first: immediates run after the poll for I/O.
    await setImmediate();
    if (jobCame()) return report(true);
    const t = performance.now();
    step.run();
    millis += performance.now() - t;
    steps.push(step.name);
  }
  return report(false);
}

/** The report as a line of the job's log. */
export function describeWarmUp({ steps, millis, busyMillis, stopped }: WarmUpReport): string {
  const ran =
    steps.length > 0
      ? `${steps.length} warm-up step${steps.length > 1 ? "s" : ""} (${steps.join(", ")}) in ${millis} ms`
      : "no warm-up step";
  const busy = busyMillis >= 1000 ? ` (${(busyMillis / 1000).toFixed(1)} s waiting for idle cores)` : "";
  return `this process ran ${ran} while it waited for the job${stopped ? ", stopped when the job came" : ""}${busy}`;
}
