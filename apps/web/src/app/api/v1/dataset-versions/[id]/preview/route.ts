import { IdParamSchema, Invalid, PreviewQuerySchema } from "@roundhouse/contracts";
import { getDatasetVersion, previewRows } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { json, parseQuery, route } from "@/server/http";

export const GET = route<{ id: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  const p = IdParamSchema.safeParse(params);
  if (!p.success) throw Invalid.fromZod(p.error, "path");
  const q = parseQuery(req, PreviewQuerySchema);
  const { dto, storagePath } = await getDatasetVersion(db(), p.data.id);
  return json(await previewRows(storagePath, dto.schema, dto.rowCount, q));
});
