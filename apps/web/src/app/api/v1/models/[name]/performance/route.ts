import { monitoringRoutes } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { livePerformance } from "@roundhouse/retraining";
import { route } from "@/server/http";

export const GET = route(monitoringRoutes.performance, async ({ params, query }) => livePerformance(db(), params.name, query));
