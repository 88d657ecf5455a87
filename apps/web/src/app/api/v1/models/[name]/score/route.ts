import { modelRoutes } from "@roundhouse/contracts";
import { submitScoringJob } from "@/features/registry/server/score-model";
import { reply, route } from "@/server/http";

// The same Idempotency-Key returns the same job instead of queueing another.
export const POST = route(modelRoutes.score, async ({ caller, params, headers, body }) => {
  const { job, created } = await submitScoringJob(caller.ctx, caller.user.id, params.name, body, headers["idempotency-key"]);
  return reply(created ? 202 : 200, job);
});
