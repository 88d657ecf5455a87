import { datasetRoutes } from "@roundhouse/contracts";
import { registerPath } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { reply, route } from "@/server/http";

export const POST = route(datasetRoutes.registerPath, async ({ caller, body }) => {
  const result = await registerPath(db(), caller.ctx, body);
  return reply(result.created ? 201 : 200, result);
});
