import { ROUNDHOUSE_VERSION, systemRoutes } from "@roundhouse/contracts";
import { dataHome, diskHealth } from "@roundhouse/data";
import { checkHealth } from "@roundhouse/db";
import { reply, route } from "@/server/http";

export const dynamic = "force-dynamic";

export const GET = route(systemRoutes.health, async () => {
  const checked = await checkHealth(process.env.DATABASE_URL ?? "", ROUNDHOUSE_VERSION);
  // A disk down to its reserve refuses uploads but serves everything else: degraded, not down.
  const { disk, reason } = diskHealth(dataHome());
  const health = reason
    ? { ...checked, disk, status: checked.status === "ok" ? ("degraded" as const) : checked.status, reasons: [...checked.reasons, reason] }
    : { ...checked, disk };
  // Not ready for traffic (a load balancer's question) when the database is away or needs an operator.
  return reply(health.status === "down" || !health.database.ok ? 503 : 200, health);
});
