import { requireCaller } from "@/features/auth/server/caller";
import { jobIdOf } from "@/features/jobs/server/job-param";
import { reproduceJob } from "@/features/jobs/server/jobs";
import { json, route } from "@/server/http";

/** A new job with the exact spec and dataset versions of a succeeded one; its page says whether the model bytes match. */
export const POST = route<{ id: string }>(async (req, { requestId, params }) => {
  const { user, ctx } = await requireCaller(req, requestId, "jobs:submit");
  return json(await reproduceJob(ctx, user.id, jobIdOf(params)), 201);
});
