import { systemRoutes } from "@roundhouse/contracts";
import { db, fleetMetrics, fleetStatus } from "@roundhouse/db";
import { route } from "@/server/http";

export const dynamic = "force-dynamic";

// For an autoscaler sizing the worker Deployment on roundhouse_jobs_queued (deploy/kubernetes).
export const GET = route(systemRoutes.metrics, async ({ query }) => {
  const fleet = await fleetStatus(db());
  const pools = query.pool ? fleet.pools.filter((p) => p.pool === query.pool) : fleet.pools;
  const body = fleetMetrics({ ...fleet, pools });
  return new Response(body, { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" } });
});
