import { db, requestCancel } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { jobIdOf } from "@/features/jobs/server/job-param";
import { assertMayControlJob, getJob } from "@/features/jobs/server/jobs";
import { json, route } from "@/server/http";

export const POST = route<{ id: string }>(async (req, { requestId, params }) => {
  const { user, ctx } = await requireCaller(req, requestId, "jobs:submit");
  const id = jobIdOf(params);
  await assertMayControlJob(user, id, "cancel");
  await requestCancel(db(), ctx, id);
  return json(await getJob(id), 202);
});
