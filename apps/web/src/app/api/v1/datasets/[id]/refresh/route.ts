import { datasetRoutes } from "@roundhouse/contracts";
import { refreshDerivedDataset } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { reply, route } from "@/server/http";

export const POST = route(datasetRoutes.refresh, async ({ caller, params }) => {
  const result = await refreshDerivedDataset(db(), caller.ctx, params.id);
  return reply(result.created ? 201 : 200, result);
});
