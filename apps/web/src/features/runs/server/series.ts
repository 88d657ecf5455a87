import "server-only";
// Per-iteration series belong to a job's attempt (the run row is written only when the job
// completes): a run's curve is its job's points of the attempt that made it.
import { db } from "@roundhouse/db";

export type Series = Record<string, { iteration: number; value: number }[]>;

/** The series of each (job, attempt), keyed `${jobId}:${attempt}`. */
export async function seriesOfAttempts(attempts: { jobId: string; attempt: number }[]): Promise<Map<string, Series>> {
  const bySeries = new Map<string, Series>();
  if (!attempts.length) return bySeries;
  const points = await db().metricPoint.findMany({
    where: { OR: attempts.map(({ jobId, attempt }) => ({ jobId, attempt })) },
    orderBy: [{ name: "asc" }, { iteration: "asc" }],
  });
  for (const p of points) {
    const key = `${p.jobId}:${p.attempt}`;
    const series = bySeries.get(key) ?? {};
    bySeries.set(key, series);
    series[p.name] ??= [];
    series[p.name]?.push({ iteration: p.iteration, value: p.value });
  }
  return bySeries;
}
