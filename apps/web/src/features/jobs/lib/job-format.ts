import { type JobDto, trainerOf } from "@roundhouse/contracts";
import { keyMetric } from "@/lib/metric-format";

/** Jobs per page of the jobs table (the server renders the first page, the browser the rest). */
export const PAGE_SIZE = 50;

export const STATUS_TONE = { queued: "neutral", running: "accent", succeeded: "success", failed: "danger", cancelled: "warning" } as const;

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

/** The jobs table as CSV columns: what it shows, with full ids and ISO times. */
export function jobsCsv(jobs: JobDto[]): [string[], (string | number | null)[][]] {
  return [
    [
      "id",
      "name",
      "status",
      "dataset",
      "dataset_version",
      "algorithm",
      "key_metric",
      "key_metric_value",
      "owner",
      "duration_s",
      "submitted",
      "tags",
    ],
    jobs.map((j) => {
      const metric = keyMetric(j.run?.metrics);
      const duration = jobDuration(j);
      return [
        j.id,
        j.name,
        j.status,
        j.datasetVersions[0]?.datasetName ?? null,
        j.datasetVersions[0]?.version ?? null,
        trainerOf(j.spec),
        metric?.name ?? null,
        metric?.value ?? null,
        j.owner,
        duration === null ? null : Math.round(duration / 100) / 10,
        j.createdAt,
        j.spec.metadata.tags.join(" "),
      ];
    }),
  ];
}
