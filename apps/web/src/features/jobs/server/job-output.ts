import "server-only";
// What a job printed and measured, as the job page follows it: log lines after a cursor, and the
// per-iteration series of each of its attempts.
import type { JobLog, JobMetrics } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { seriesOfAttempts } from "@/features/runs/server/series";
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

/** The curve of each attempt the job made, with the run an attempt that succeeded recorded. */
export async function jobMetrics(id: string): Promise<JobMetrics> {
  const job = await getJob(id);
  const runs = await db().run.findMany({ where: { jobId: id }, select: { id: true, attempt: true, metrics: true } });
  const tried = await db().metricPoint.findMany({ where: { jobId: id }, distinct: ["attempt"], select: { attempt: true } });
  const attempts = [...new Set([...tried.map((t) => t.attempt), ...runs.map((r) => r.attempt)])].sort((a, b) => a - b);
  const series = await seriesOfAttempts(attempts.map((attempt) => ({ jobId: id, attempt })));
  return {
    status: job.status,
    attempts: attempts.map((attempt) => {
      const run = runs.find((r) => r.attempt === attempt);
      return {
        attempt,
        runId: run?.id ?? null,
        metrics: (run?.metrics as Record<string, number> | null) ?? null,
        series: series.get(`${id}:${attempt}`) ?? {},
      };
    }),
  };
}
