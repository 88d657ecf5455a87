// Which version a monitoring page or call is about: the one asked for, else the one serving
// production, else the newest deployed, else the newest.
import { NotFound } from "@roundhouse/contracts";
import type { Db } from "@roundhouse/db";

export async function monitoredVersion(db: Db, modelName: string, version?: number) {
  const model = await db.registeredModel.findUnique({ where: { name: modelName }, select: { id: true, name: true } });
  if (!model) throw new NotFound("Model", modelName);
  const select = { id: true, version: true, featureSchema: true, trainingProfile: true, metrics: true } as const;
  if (version !== undefined) {
    const found = await db.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version } }, select });
    if (!found) throw new NotFound(`Model ${modelName}`, `version ${version}`);
    return { model, version: found };
  }
  const deployments = await db.deployment.findMany({ where: { modelId: model.id }, include: { modelVersion: { select } } });
  const chosen =
    deployments.find((d) => d.alias === "production")?.modelVersion ??
    deployments.map((d) => d.modelVersion).sort((a, b) => b.version - a.version)[0] ??
    (await db.modelVersion.findFirst({ where: { modelId: model.id }, orderBy: { version: "desc" }, select }));
  return { model, version: chosen ?? null };
}
