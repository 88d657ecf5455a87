import { AliasSchema, NotFound } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { z } from "zod";
import { requireCaller } from "@/features/auth/server/caller";
import { compareOnHoldout } from "@/features/models/server/comparison";
import { json, parseQuery, route } from "@/server/http";

const CompareQuerySchema = z.object({ version: z.coerce.number().int().positive(), alias: AliasSchema.default("production") });

/** Preview of a promotion's champion/challenger comparison, before requesting it. */
export const GET = route<{ name: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  const q = parseQuery(req, CompareQuerySchema);
  const model = await db().registeredModel.findUnique({ where: { name: params.name } });
  if (!model) throw new NotFound("Model", JSON.stringify(params.name));
  const candidate = await db().modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version: q.version } } });
  if (!candidate) throw new NotFound("Model version", `${params.name} ${q.version}`);
  const holder = await db().deployment.findUnique({ where: { modelId_alias: { modelId: model.id, alias: q.alias } } });
  return json(await compareOnHoldout(candidate.id, holder?.modelVersionId ?? null));
});
