import { modelRoutes } from "@roundhouse/contracts";
import { createPromotionRequest } from "@/features/promotions/server/promotions";
import { route } from "@/server/http";

/** Asks for a version to take an alias; scores it against the current holder first. */
export const POST = route(modelRoutes.requestPromotion, ({ caller, params, body }) =>
  createPromotionRequest(caller.ctx, params.name, body),
);
