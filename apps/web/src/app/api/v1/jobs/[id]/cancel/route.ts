import { jobRoutes } from "@roundhouse/contracts";
import { db, requestCancel } from "@roundhouse/db";
import { assertMayControlJob, getJob } from "@/features/jobs/server/jobs";
import { route } from "@/server/http";

export const POST = route(jobRoutes.cancel, async ({ caller, params }) => {
  await assertMayControlJob(caller.user, params.id, "cancel");
  await requestCancel(db(), caller.ctx, params.id);
  return getJob(params.id);
});
