import { IdParamSchema, Invalid } from "@roundhouse/contracts";
import { getDatasetVersion, rowsPerDay } from "@roundhouse/data";
import { db } from "@roundhouse/db";
import { z } from "zod";
import { requireCaller } from "@/features/auth/server/caller";
import { json, parseQuery, route } from "@/server/http";

/** Rows per day of a date column: the wizard's chart for picking date-range holdouts. */
export const GET = route<{ id: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  const p = IdParamSchema.safeParse(params);
  if (!p.success) throw Invalid.fromZod(p.error, "path");
  const q = parseQuery(req, z.object({ column: z.string().min(1) }));
  const { dto, storagePath } = await getDatasetVersion(db(), p.data.id);
  return json({ column: q.column, days: await rowsPerDay(storagePath, dto.schema, q.column) });
});
