import { requireCaller } from "@/features/auth/server/caller";
import { jobIdOf } from "@/features/jobs/server/job-param";
import { getJob, submitJob } from "@/features/jobs/server/jobs";
import { json, route } from "@/server/http";

/** A new job from the same spec (the data it names is resolved again, e.g. "latest"). */
export const POST = route<{ id: string }>(async (req, { requestId, params }) => {
  const { user, ctx } = await requireCaller(req, requestId, "jobs:submit");
  const original = await getJob(jobIdOf(params));
  const { job } = await submitJob(ctx, user.id, original.spec, undefined, original.id);
  return json(job, 201);
});
