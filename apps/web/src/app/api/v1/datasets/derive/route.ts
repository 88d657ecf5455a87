import { CreateDerivedDatasetRequestSchema, DeriveDefinitionSchema } from "@roundhouse/contracts";
import { createDerivedDataset, previewDerived } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { z } from "zod";
import { requireCaller } from "@/features/auth/server/caller";
import { json, parseBody, route } from "@/server/http";

// ?dryRun=true answers the result's row count, schema and first rows without saving anything.
export const POST = route(async (req, { requestId }) => {
  const dryRun = new URL(req.url).searchParams.get("dryRun") === "true";
  if (dryRun) {
    await requireCaller(req, requestId);
    const body = await parseBody(req, z.object({ definition: DeriveDefinitionSchema }));
    // The query stops when the caller leaves (req.signal) or after the interactive time limit.
    return json(await previewDerived(db(), body.definition, req.signal));
  }
  const { ctx } = await requireCaller(req, requestId, "datasets:write");
  const body = await parseBody(req, CreateDerivedDatasetRequestSchema);
  const result = await createDerivedDataset(db(), ctx, body);
  return json(result, result.created ? 201 : 200);
});
