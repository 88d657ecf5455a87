import { AliasSchema } from "@roundhouse/contracts";
import { z } from "zod";
import { requireCaller } from "@/features/auth/server/caller";
import { compareOnHoldout, resolvePromotion } from "@/features/models/server/comparison";
import { json, parseQuery, route } from "@/server/http";

const CompareQuerySchema = z.object({ version: z.coerce.number().int().positive(), alias: AliasSchema.default("production") });

/** Preview of a promotion's champion/challenger comparison, before requesting it. */
export const GET = route<{ name: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  const q = parseQuery(req, CompareQuerySchema);
  const { candidateId, holderId } = await resolvePromotion(params.name, q.version, q.alias);
  return json(await compareOnHoldout(candidateId, holderId));
});
