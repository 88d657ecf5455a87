import { lowerIsBetter } from "@roundhouse/contracts";
import { keyMetric } from "@/lib/metric-format";
import { sortRows } from "@/lib/sort-rows";

export interface RunSummary {
  id: string;
  jobId: string;
  jobName: string;
  tags: string[];
  modelVersion: { name: string; version: number } | null;
  algorithm: string;
  task: string;
  metrics: Record<string, number> | null;
  createdAt: string;
}

export interface RunFilter {
  q?: string;
  algorithm?: string;
  task?: string;
  tag?: string;
  sort?: string;
}

/** The runs the filters keep, in the asked order ("-finished" by default; "-metric" = best first). */
export function filterRuns(runs: RunSummary[], f: RunFilter): RunSummary[] {
  const q = f.q?.trim().toLowerCase();
  const kept = runs.filter(
    (r) =>
      (!q ||
        r.jobName.toLowerCase().includes(q) ||
        r.id.startsWith(q) ||
        r.tags.some((t) => t.toLowerCase().includes(q)) ||
        (r.modelVersion && `${r.modelVersion.name} v${r.modelVersion.version}`.toLowerCase().includes(q))) &&
      (!f.algorithm || r.algorithm === f.algorithm) &&
      (!f.task || r.task === f.task) &&
      (!f.tag || r.tags.includes(f.tag)),
  );
  // Metric: larger is better after turning lower-is-better metrics around, so "-metric" is best first.
  const score = (r: RunSummary) => {
    const m = keyMetric(r.metrics);
    return m ? (lowerIsBetter(m.name) ? -m.value : m.value) : Number.NEGATIVE_INFINITY;
  };
  return sortRows(
    kept,
    f.sort ?? "-finished",
    {
      job: (a, b) => a.jobName.localeCompare(b.jobName),
      algorithm: (a, b) => a.algorithm.localeCompare(b.algorithm),
      metric: (a, b) => score(a) - score(b),
      finished: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
    "finished",
  );
}
