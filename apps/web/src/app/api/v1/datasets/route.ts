import { DatasetListQuerySchema } from "@roundhouse/contracts";
import { listDatasets } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { uploadDataset } from "@/features/datasets/server/upload-dataset";
import { json, parseQuery, route } from "@/server/http";

export const GET = route(async (req, { requestId }) => {
  await requireCaller(req, requestId);
  return json({ items: await listDatasets(db(), parseQuery(req, DatasetListQuerySchema)) });
});

export const POST = route(async (req, { requestId }) => {
  const { ctx } = await requireCaller(req, requestId, "datasets:write");
  const result = await uploadDataset(req, ctx);
  return json(result, result.created ? 201 : 200);
});
