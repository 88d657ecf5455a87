import { promotionRoutes } from "@roundhouse/contracts";
import { countAwaiting, listPromotions } from "@/features/promotions/server/promotions";
import { route } from "@/server/http";

/** Promotion requests (pending by default), and how many await the caller's decision. */
export const GET = route(promotionRoutes.list, async ({ caller, query }) => {
  const [items, awaitingYou] = await Promise.all([listPromotions(query.status, query.model), countAwaiting(caller.user.id)]);
  return { items, awaitingYou };
});
