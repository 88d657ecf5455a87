import { promotionRoutes } from "@roundhouse/contracts";
import { getPromotion } from "@/features/promotions/server/promotions";
import { route } from "@/server/http";

/** One request with its champion/challenger comparison. */
export const GET = route(promotionRoutes.get, ({ params }) => getPromotion(params.id));
