import { IdParamSchema, Invalid, PromotionDecisionBodySchema } from "@roundhouse/contracts";
import { db, decidePromotion } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { getPromotion } from "@/features/models/server/promotions";
import { json, parseBody, route } from "@/server/http";

/** Approve (moves the alias) or reject; never by the requester (403), once per request (409). */
export const POST = route<{ id: string }>(async (req, { requestId, params }) => {
  const { ctx } = await requireCaller(req, requestId, "models:approve");
  const p = IdParamSchema.safeParse(params);
  if (!p.success) throw Invalid.fromZod(p.error, "path");
  const { decision, comment } = await parseBody(req, PromotionDecisionBodySchema);
  await decidePromotion(db(), ctx, p.data.id, decision, comment);
  return json(await getPromotion(p.data.id));
});
