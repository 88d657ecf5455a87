import type { JobDto } from "@roundhouse/contracts";
import { formatDuration } from "../lib/job-format";

const TRAINING_STEPS = ["load", "split", "fit", "evaluate", "serialize"];
const SCORING_STEPS = ["load", "score", "register"];

/** The job's steps as proportional bars with their durations; the current step is highlighted. */
export function StepTimeline({ job }: { job: JobDto }) {
  const STEPS = job.kind === "score" ? SCORING_STEPS : TRAINING_STEPS;
  const timings = new Map(job.stepTimings.map((t) => [t.step, t.millis]));
  const total = [...timings.values()].reduce((a, b) => a + b, 0) || 1;
  const current = job.status === "running" ? job.progress?.step : undefined;
  return (
    <ol className="flex flex-col gap-2" aria-label="Steps">
      {STEPS.map((step) => {
        const ms = timings.get(step);
        // Durations are known when the job ends; while it runs, the steps before the current one are behind it.
        const behind = current !== undefined && STEPS.indexOf(step) < STEPS.indexOf(current);
        const state = ms !== undefined || behind ? "done" : step === current ? "running" : "pending";
        return (
          <li key={step} className="grid grid-cols-[5.5rem_1fr_5rem] items-center gap-3 text-sm">
            <span className={state === "pending" ? "text-muted" : "font-medium"}>{step}</span>
            <div className="h-2 overflow-hidden rounded-full bg-surface-muted">
              <div
                className={state === "running" ? "h-full w-1/3 animate-pulse bg-accent" : "h-full bg-accent"}
                style={
                  state === "done"
                    ? { width: ms === undefined ? "100%" : `${Math.max(2, (ms / total) * 100)}%`, opacity: ms === undefined ? 0.35 : 1 }
                    : state === "pending"
                      ? { width: 0 }
                      : {}
                }
              />
            </div>
            <span className="text-right tabular-nums text-muted">
              {ms !== undefined ? formatDuration(ms) : state === "pending" ? "–" : state}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
