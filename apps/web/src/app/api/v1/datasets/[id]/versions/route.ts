import { IdParamSchema, Invalid } from "@roundhouse/contracts";
import { requireCaller } from "@/features/auth/server/caller";
import { uploadDataset } from "@/features/datasets/server/upload-dataset";
import { json, route } from "@/server/http";

export const POST = route<{ id: string }>(async (req, { requestId, params }) => {
  const { ctx } = await requireCaller(req, requestId, "datasets:write");
  const p = IdParamSchema.safeParse(params);
  if (!p.success) throw Invalid.fromZod(p.error, "path");
  const result = await uploadDataset(req, ctx, p.data.id);
  return json(result, result.created ? 201 : 200);
});
