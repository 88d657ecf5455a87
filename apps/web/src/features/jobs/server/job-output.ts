import "server-only";
// What a job printed and measured, as the job page follows it: log lines after a cursor, and the
// per-iteration series of each of its runs.
import type { JobLog, JobMetrics } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { getJob } from "./jobs";

export async function jobLog(id: string, after: number, limit: number): Promise<JobLog> {
  const job = await getJob(id);
  const lines = await db().jobLog.findMany({ where: { jobId: id, id: { gt: BigInt(after) } }, orderBy: { id: "asc" }, take: limit });
  return {
    status: job.status,
    lines: lines.map((l) => ({ id: Number(l.id), at: l.at.toISOString(), level: l.level, message: l.message })),
    next: lines.length ? Number(lines[lines.length - 1]?.id) : after,
  };
}

export async function jobMetrics(id: string): Promise<JobMetrics> {
  const runs = await db().run.findMany({
    where: { jobId: id },
    include: { metricSeries: { orderBy: [{ name: "asc" }, { iteration: "asc" }] } },
  });
  return {
    runs: runs.map((r) => {
      const series: Record<string, { iteration: number; value: number }[]> = {};
      for (const p of r.metricSeries) {
        series[p.name] ??= [];
        series[p.name]?.push({ iteration: p.iteration, value: p.value });
      }
      return { runId: r.id, metrics: r.metrics as Record<string, number> | null, series };
    }),
  };
}
