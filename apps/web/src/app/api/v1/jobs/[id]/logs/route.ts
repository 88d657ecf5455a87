import { db } from "@roundhouse/db";
import { z } from "zod";
import { requireCaller } from "@/features/auth/server/caller";
import { jobIdOf } from "@/features/jobs/server/job-param";
import { getJob } from "@/features/jobs/server/jobs";
import { json, parseQuery, route } from "@/server/http";

// ?after=<id> returns lines after that one: clients follow a running job by polling with the last id.
const Query = z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) });

export const GET = route<{ id: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  const id = jobIdOf(params);
  const q = parseQuery(req, Query);
  const job = await getJob(id);
  const lines = await db().jobLog.findMany({ where: { jobId: id, id: { gt: BigInt(q.after) } }, orderBy: { id: "asc" }, take: q.limit });
  return json({
    status: job.status,
    lines: lines.map((l) => ({ id: Number(l.id), at: l.at.toISOString(), level: l.level, message: l.message })),
    next: lines.length ? Number(lines[lines.length - 1]?.id) : q.after,
  });
});
