import { datasetRoutes } from "@roundhouse/contracts";
import { uploadDataset } from "@/features/datasets/server/upload-dataset";
import { reply, route } from "@/server/http";

export const POST = route(datasetRoutes.uploadVersion, async ({ req, caller, params }) => {
  const result = await uploadDataset(req, caller.ctx, params.id);
  return reply(result.created ? 201 : 200, result);
});
