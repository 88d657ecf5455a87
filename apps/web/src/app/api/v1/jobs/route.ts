import { jobRoutes } from "@roundhouse/contracts";
import { listJobs, submitJob } from "@/features/jobs/server/jobs";
import { reply, route } from "@/server/http";

export const GET = route(jobRoutes.list, ({ query }) => listJobs(query));

// The same Idempotency-Key returns the same job instead of queueing another.
export const POST = route(jobRoutes.submit, async ({ caller, headers, body }) => {
  const { job, created } = await submitJob(caller.ctx, caller.user.id, body, headers["idempotency-key"]);
  return reply(created ? 201 : 200, job);
});
