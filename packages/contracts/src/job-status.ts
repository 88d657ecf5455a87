// The training job's life: every status change goes through transition(), which refuses illegal
// moves (a succeeded job never runs again; a cancelled one never succeeds).
import { z } from "zod";

export const JobStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);
export type JobStatus = z.infer<typeof JobStatusSchema>;

export const JOB_TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  queued: ["running", "cancelled", "failed"],
  // running → queued: the lease expired (worker lost) and the job goes back for another attempt.
  running: ["succeeded", "failed", "cancelled", "queued"],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export const JOB_STATUSES: readonly JobStatus[] = JobStatusSchema.options;
/** A job that has not ended yet: waiting for a worker or running on one. */
export const ACTIVE_STATUSES: readonly JobStatus[] = JOB_STATUSES.filter((s) => JOB_TRANSITIONS[s].length > 0);
export const TERMINAL_STATUSES: readonly JobStatus[] = JOB_STATUSES.filter((s) => JOB_TRANSITIONS[s].length === 0);

export const isActive = (status: JobStatus): boolean => ACTIVE_STATUSES.includes(status);
export const isTerminal = (status: JobStatus): boolean => TERMINAL_STATUSES.includes(status);

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}

export class IllegalTransition extends Error {
  constructor(
    readonly from: JobStatus,
    readonly to: JobStatus,
  ) {
    super(`A ${from} job cannot become ${to}.`);
    this.name = "IllegalTransition";
  }
}

export function transition(from: JobStatus, to: JobStatus): JobStatus {
  if (!canTransition(from, to)) throw new IllegalTransition(from, to);
  return to;
}
