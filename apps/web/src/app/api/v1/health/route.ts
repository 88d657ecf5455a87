import { ROUNDHOUSE_VERSION, systemRoutes } from "@roundhouse/contracts";
import { checkHealth } from "@roundhouse/db";
import { reply, route } from "@/server/http";

export const dynamic = "force-dynamic";

export const GET = route(systemRoutes.health, async () => {
  const health = await checkHealth(process.env.DATABASE_URL ?? "", ROUNDHOUSE_VERSION);
  // Not ready for traffic (a load balancer's question) when the database is away or needs an operator.
  return reply(health.status === "down" || !health.database.ok ? 503 : 200, health);
});
