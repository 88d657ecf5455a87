import { requireCaller } from "@/features/auth/server/caller";
import { jobIdOf } from "@/features/jobs/server/job-param";
import { getJob } from "@/features/jobs/server/jobs";
import { json, route } from "@/server/http";

export const GET = route<{ id: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  return json(await getJob(jobIdOf(params)));
});
