import { IdParamSchema, Invalid } from "@roundhouse/contracts";
import { getDatasetVersion } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { json, route } from "@/server/http";

export const GET = route<{ id: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  const p = IdParamSchema.safeParse(params);
  if (!p.success) throw Invalid.fromZod(p.error, "path");
  return json((await getDatasetVersion(db(), p.data.id)).dto);
});
