import { datasetRoutes } from "@roundhouse/contracts";
import { listDatasets } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { uploadDataset } from "@/features/datasets/server/upload-dataset";
import { reply, route } from "@/server/http";

export const GET = route(datasetRoutes.list, async ({ query }) => ({ items: await listDatasets(db(), query) }));

export const POST = route(datasetRoutes.upload, async ({ req, caller }) => {
  const result = await uploadDataset(req, caller.ctx);
  return reply(result.created ? 201 : 200, result);
});
