import { systemRoutes } from "@roundhouse/contracts";
import { db, fleetStatus } from "@roundhouse/db";
import { route } from "@/server/http";

export const dynamic = "force-dynamic";

export const GET = route(systemRoutes.workers, () => fleetStatus(db()));
