import { IdParamSchema, Invalid } from "@roundhouse/contracts";
import { getDatasetVersion, labelAssociations } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { z } from "zod";
import { requireCaller } from "@/features/auth/server/caller";
import { json, parseQuery, route } from "@/server/http";

/** Each column's correlation with a label, so the wizard can warn about features that leak it. */
export const GET = route<{ id: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  const p = IdParamSchema.safeParse(params);
  if (!p.success) throw Invalid.fromZod(p.error, "path");
  const q = parseQuery(req, z.object({ label: z.string().min(1) }));
  const { dto, storagePath } = await getDatasetVersion(db(), p.data.id);
  return json({ label: q.label, columns: await labelAssociations(storagePath, dto.schema, q.label) });
});
