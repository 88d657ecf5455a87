import { monitoringRoutes } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { recordOutcomes } from "@roundhouse/retraining";
import { route } from "@/server/http";

export const POST = route(monitoringRoutes.outcomes, async ({ params, body, caller }) =>
  recordOutcomes(db(), caller.ctx, params.name, body),
);
