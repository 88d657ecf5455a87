import { systemRoutes } from "@roundhouse/contracts";
import { db, fleetMetrics, fleetStatus } from "@roundhouse/db";
import { route } from "@/server/http";

export const dynamic = "force-dynamic";

// For an autoscaler sizing the worker Deployment on roundhouse_jobs_queued (deploy/kubernetes).
export const GET = route(systemRoutes.metrics, async () => {
  const body = fleetMetrics(await fleetStatus(db()));
  return new Response(body, { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" } });
});
