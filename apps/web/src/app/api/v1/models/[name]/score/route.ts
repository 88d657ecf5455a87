import { modelRoutes } from "@roundhouse/contracts";
import { submitScoringJob } from "@/features/registry/server/score-model";
import { reply, route } from "@/server/http";
import { idempotencyKeyOf } from "@/server/idempotency-key";

// The same Idempotency-Key returns the same job instead of queueing another.
export const POST = route(modelRoutes.score, async ({ req, caller, params, body }) => {
  const { job, created } = await submitScoringJob(caller.ctx, caller.user.id, params.name, body, idempotencyKeyOf(req));
  return reply(created ? 202 : 200, job);
});
