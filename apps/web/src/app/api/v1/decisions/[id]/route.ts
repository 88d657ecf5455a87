import { IdParamSchema, Invalid } from "@roundhouse/contracts";
import { requireCaller } from "@/features/auth/server/caller";
import { getDecision } from "@/features/models/server/decisions";
import { json, route } from "@/server/http";

/** One decision: input, output, reasons, and its lineage back to the dataset versions. */
export const GET = route<{ id: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  const p = IdParamSchema.safeParse(params);
  if (!p.success) throw Invalid.fromZod(p.error, "path");
  return json(await getDecision(p.data.id));
});
