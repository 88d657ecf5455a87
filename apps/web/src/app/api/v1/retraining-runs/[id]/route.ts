import { retrainingRoutes } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { getRetrainingRun } from "@roundhouse/retraining";
import { route } from "@/server/http";

export const GET = route(retrainingRoutes.run, async ({ params }) => getRetrainingRun(db(), params.id));
