import { checkHealth } from "@roundhouse/db";
import { ROUNDHOUSE_VERSION } from "@/lib/version";
import { json, route } from "@/server/http";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const health = await checkHealth(process.env.DATABASE_URL ?? "", ROUNDHOUSE_VERSION);
  return json(health, health.status === "down" ? 503 : 200);
});
