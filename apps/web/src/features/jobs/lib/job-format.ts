import { HEADLINE_METRIC, type JobDto } from "@roundhouse/contracts";

/** Jobs per page of the jobs table (the server renders the first page, the browser the rest). */
export const PAGE_SIZE = 50;

export const STATUS_TONE = { queued: "neutral", running: "accent", succeeded: "success", failed: "danger", cancelled: "warning" } as const;

/** The metric a reader looks at first for the task. */
export function keyMetric(metrics: Record<string, number> | null | undefined): { name: string; value: number } | null {
  if (!metrics) return null;
  const name = Object.values(HEADLINE_METRIC).find((m) => m in metrics);
  return name ? { name, value: Number(metrics[name]) } : null;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Wall time from start to finish, or to now while it runs. */
export function jobDuration(job: Pick<JobDto, "startedAt" | "finishedAt">, now = Date.now()): number | null {
  if (!job.startedAt) return null;
  return (job.finishedAt ? Date.parse(job.finishedAt) : now) - Date.parse(job.startedAt);
}
