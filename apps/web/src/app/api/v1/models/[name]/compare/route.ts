import { modelRoutes } from "@roundhouse/contracts";
import { compareOnHoldout, resolvePromotion } from "@/features/promotions/server/comparison";
import { route } from "@/server/http";

/** Preview of a promotion's champion/challenger comparison, before requesting it. */
export const GET = route(modelRoutes.compare, async ({ params, query }) => {
  const { candidateId, holderId } = await resolvePromotion(params.name, query.version, query.alias);
  return compareOnHoldout(candidateId, holderId);
});
