import { requireCaller } from "@/features/auth/server/caller";
import { jobIdOf } from "@/features/jobs/server/job-param";
import { assertMayControlJob, getJob, submitJob } from "@/features/jobs/server/jobs";
import { json, route } from "@/server/http";

/** A new job from the same spec (the data it names is resolved again, e.g. "latest"). */
export const POST = route<{ id: string }>(async (req, { requestId, params }) => {
  const { user, ctx } = await requireCaller(req, requestId, "jobs:submit");
  const id = jobIdOf(params);
  await assertMayControlJob(user, id, "retry");
  const original = await getJob(id);
  const { job } = await submitJob(ctx, user.id, original.spec, undefined, original.id);
  return json(job, 201);
});
