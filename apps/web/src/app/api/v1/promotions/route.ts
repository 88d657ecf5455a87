import { PromotionListQuerySchema } from "@roundhouse/contracts";
import { requireCaller } from "@/features/auth/server/caller";
import { countAwaiting, listPromotions } from "@/features/models/server/promotions";
import { json, parseQuery, route } from "@/server/http";

/** Promotion requests (pending by default), and how many await the caller's decision. */
export const GET = route(async (req, { requestId }) => {
  const { user } = await requireCaller(req, requestId);
  const q = parseQuery(req, PromotionListQuerySchema);
  const [items, awaitingYou] = await Promise.all([listPromotions(q.status, q.model), countAwaiting(user.id)]);
  return json({ items, awaitingYou });
});
