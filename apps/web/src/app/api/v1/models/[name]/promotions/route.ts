import { PromotionRequestBodySchema } from "@roundhouse/contracts";
import { requireCaller } from "@/features/auth/server/caller";
import { createPromotionRequest } from "@/features/models/server/promotions";
import { json, parseBody, route } from "@/server/http";

/** Asks for a version to take an alias; scores it against the current holder first. */
export const POST = route<{ name: string }>(async (req, { requestId, params }) => {
  const { ctx } = await requireCaller(req, requestId, "models:request-promotion");
  const body = await parseBody(req, PromotionRequestBodySchema);
  return json(await createPromotionRequest(ctx, params.name, body), 201);
});
