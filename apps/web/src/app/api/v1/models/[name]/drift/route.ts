import { monitoringRoutes } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { driftReport } from "@roundhouse/retraining";
import { route } from "@/server/http";

export const GET = route(monitoringRoutes.drift, async ({ params, query }) => driftReport(db(), params.name, query));
