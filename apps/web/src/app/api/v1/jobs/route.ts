import { JobListQuerySchema } from "@roundhouse/contracts";
import { z } from "zod";
import { requireCaller } from "@/features/auth/server/caller";
import { listJobs, submitJob } from "@/features/jobs/server/jobs";
import { json, parseBody, parseQuery, route } from "@/server/http";

export const GET = route(async (req, { requestId }) => {
  await requireCaller(req, requestId);
  return json(await listJobs(parseQuery(req, JobListQuerySchema)));
});

// The same Idempotency-Key returns the same job instead of queueing another.
export const POST = route(async (req, { requestId }) => {
  const { user, ctx } = await requireCaller(req, requestId, "jobs:submit");
  const body = await parseBody(req, z.unknown());
  const { job, created } = await submitJob(ctx, user.id, body, req.headers.get("idempotency-key") ?? undefined);
  return json(job, created ? 201 : 200);
});
