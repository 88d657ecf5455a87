import { modelRoutes } from "@roundhouse/contracts";
import { submitScoringJob } from "@/features/registry/server/score-model";
import { reply, route } from "@/server/http";

export const POST = route(modelRoutes.score, async ({ caller, params, body }) =>
  reply(202, await submitScoringJob(caller.ctx, caller.user.id, params.name, body)),
);
