import { monitoringRoutes } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { recordOutcomesFromDataset } from "@roundhouse/retraining";
import { route } from "@/server/http";

export const POST = route(monitoringRoutes.outcomesFromDataset, async ({ params, body, caller }) =>
  recordOutcomesFromDataset(db(), caller.ctx, params.name, body),
);
