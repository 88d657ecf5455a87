import { IdParamSchema, Invalid } from "@roundhouse/contracts";
import { requireCaller } from "@/features/auth/server/caller";
import { getPromotion } from "@/features/models/server/promotions";
import { json, route } from "@/server/http";

/** One request with its champion/challenger comparison. */
export const GET = route<{ id: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  const p = IdParamSchema.safeParse(params);
  if (!p.success) throw Invalid.fromZod(p.error, "path");
  return json(await getPromotion(p.data.id));
});
