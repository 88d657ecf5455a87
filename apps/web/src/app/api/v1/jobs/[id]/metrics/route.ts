import { db } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { jobIdOf } from "@/features/jobs/server/job-param";
import { json, route } from "@/server/http";

/** Per-iteration series (train and validation loss) of every run of the job. */
export const GET = route<{ id: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  const id = jobIdOf(params);
  const runs = await db().run.findMany({
    where: { jobId: id },
    include: { metricSeries: { orderBy: [{ name: "asc" }, { iteration: "asc" }] } },
  });
  return json({
    runs: runs.map((r) => {
      const series: Record<string, { iteration: number; value: number }[]> = {};
      for (const p of r.metricSeries) {
        series[p.name] ??= [];
        series[p.name]?.push({ iteration: p.iteration, value: p.value });
      }
      return { runId: r.id, metrics: r.metrics, series };
    }),
  });
});
