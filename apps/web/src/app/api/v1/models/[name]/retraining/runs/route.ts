import { retrainingRoutes } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { startRetrainingRun } from "@roundhouse/retraining";
import { reply, route } from "@/server/http";

export const POST = route(retrainingRoutes.start, async ({ params, caller }) =>
  reply(202, await startRetrainingRun(db(), caller.ctx, params.name)),
);
