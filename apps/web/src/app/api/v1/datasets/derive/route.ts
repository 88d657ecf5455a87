import { CreateDerivedDatasetRequestSchema, datasetRoutes, Invalid } from "@roundhouse/contracts";
import { createDerivedDataset, previewDerived } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { reply, route } from "@/server/http";

// ?dryRun=true answers the result's row count, schema and first rows without saving anything.
export const POST = route(datasetRoutes.derive, async ({ req, caller, query, body }) => {
  // The query stops when the caller leaves (req.signal) or after the interactive time limit.
  if (query.dryRun === "true") return reply(200, await previewDerived(db(), body.definition, req.signal));
  const request = CreateDerivedDatasetRequestSchema.safeParse(body);
  if (!request.success) throw Invalid.fromZod(request.error);
  // Counted first (refused past ROUNDHOUSE_MAX_DERIVED_ROWS), and stopped when the caller leaves.
  const result = await createDerivedDataset(db(), caller.ctx, request.data, req.signal);
  return reply(result.created ? 201 : 200, result);
});
