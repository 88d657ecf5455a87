import "server-only";
// Champion/challenger for a promotion request: which two versions, and their comparison on the
// candidate's holdout (computed in @roundhouse/retraining, shared with retraining policies).
import { type Comparison, NotFound } from "@roundhouse/contracts";
import { db } from "@roundhouse/db";
import { compareVersionsOnHoldout } from "@roundhouse/retraining";

/** The candidate version and the alias's current holder, or a 404 naming what is missing. */
export async function resolvePromotion(modelName: string, version: number, alias: string) {
  const model = await db().registeredModel.findUnique({ where: { name: modelName } });
  if (!model) throw new NotFound("Model", JSON.stringify(modelName));
  const candidate = await db().modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version } } });
  if (!candidate) throw new NotFound("Model version", `${modelName} ${version}`);
  const holder = await db().deployment.findUnique({ where: { modelId_alias: { modelId: model.id, alias } } });
  return { candidateId: candidate.id, holderId: holder?.modelVersionId ?? null };
}

// Versions never change, so a pair's comparison is computed once: the dialog's preview and the
// request it leads to share it. A few pairs are kept; failures are not.
const recent = new Map<string, Promise<Comparison>>();
const KEEP = 16;

export function compareOnHoldout(candidateId: string, championId: string | null): Promise<Comparison> {
  const key = `${candidateId}:${championId}`;
  const known = recent.get(key);
  if (known) return known;
  const work = compareVersionsOnHoldout(db(), candidateId, championId);
  recent.set(key, work);
  if (recent.size > KEEP) recent.delete(recent.keys().next().value as string);
  void work.then((c) => c.error && recent.delete(key));
  return work;
}
