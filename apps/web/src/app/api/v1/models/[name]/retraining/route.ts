import { retrainingRoutes } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { getRetraining, setRetrainingPolicy } from "@roundhouse/retraining";
import { route } from "@/server/http";

export const GET = route(retrainingRoutes.get, async ({ params }) => getRetraining(db(), params.name));

export const PUT = route(retrainingRoutes.put, async ({ params, body, caller }) =>
  setRetrainingPolicy(db(), caller.ctx, params.name, body),
);
