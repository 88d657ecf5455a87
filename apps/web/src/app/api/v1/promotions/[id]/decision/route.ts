import { promotionRoutes } from "@roundhouse/contracts";
import { db, decidePromotion } from "@roundhouse/db";
import { getPromotion } from "@/features/promotions/server/promotions";
import { route } from "@/server/http";

/** Approve (moves the alias) or reject; never by the requester (403), once per request (409). */
export const POST = route(promotionRoutes.decide, async ({ caller, params, body }) => {
  await decidePromotion(db(), caller.ctx, params.id, body.decision, body.comment);
  return getPromotion(params.id);
});
