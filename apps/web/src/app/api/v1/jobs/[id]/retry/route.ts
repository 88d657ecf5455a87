import { isScoringSpec, jobRoutes, trainingSpecFromBody } from "@roundhouse/contracts";
import { assertMayControlJob, getJob, submitJob } from "@/features/jobs/server/jobs";
import { retryScoringJob } from "@/features/registry/server/score-model";
import { route } from "@/server/http";

/** A new job from the same spec (the data it names is resolved again, e.g. "latest"; a scoring job's is exact). */
export const POST = route(jobRoutes.retry, async ({ caller, params }) => {
  await assertMayControlJob(caller.user, params.id, "retry");
  const original = await getJob(params.id);
  const { spec } = original;
  if (isScoringSpec(spec)) return retryScoringJob(caller.ctx, caller.user.id, { ...original, spec });
  return (await submitJob(caller.ctx, caller.user.id, trainingSpecFromBody(original.spec), undefined, original.id)).job;
});
