import { IdParamSchema, Invalid } from "@roundhouse/contracts";
import { requireCaller } from "@/features/auth/server/caller";
import { getRun } from "@/features/runs/server/runs";
import { json, route } from "@/server/http";

/** A run with its holdout evaluation (curves, confusion, importances) and per-iteration series. */
export const GET = route<{ id: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  const p = IdParamSchema.safeParse(params);
  if (!p.success) throw Invalid.fromZod(p.error, "path");
  return json(await getRun(p.data.id));
});
