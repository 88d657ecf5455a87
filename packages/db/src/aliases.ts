// Moving an alias (staging, production, …) from one model version to another: one row per alias,
// changed under a lock on the registered model, so two moves of one model's aliases run one after
// the other and an alias never has zero or two holders. Each move is a timeline entry with the
// previous holder (what rollback goes back to), an audit event, and a NOTIFY that servers act on.
import { ALIAS_CHANNEL, Conflict, NotFound } from "@roundhouse/contracts";
import { audit, type RequestContext } from "./audit.ts";
import type { Db, Prisma } from "./client.ts";

export interface AliasMove {
  modelId: string;
  alias: string;
  modelVersionId: string;
  action: "promote" | "rollback";
  reason: string;
  promotionRequestId?: string;
}

/** Locks the model's row: every alias move of this model waits for the one before it. */
export async function lockModel(tx: Prisma.TransactionClient, modelId: string): Promise<{ id: string; name: string }> {
  const [model] = await tx.$queryRawUnsafe<{ id: string; name: string }[]>(
    "SELECT id, name FROM registered_models WHERE id = $1::uuid FOR UPDATE",
    modelId,
  );
  if (!model) throw new NotFound("Model", modelId);
  return model;
}

export async function moveAlias(tx: Prisma.TransactionClient, ctx: RequestContext, move: AliasMove) {
  const model = await lockModel(tx, move.modelId);
  const current = await tx.deployment.findUnique({ where: { modelId_alias: { modelId: move.modelId, alias: move.alias } } });
  if (current?.modelVersionId === move.modelVersionId)
    throw new Conflict(`That version already holds the alias "${move.alias}".`, [
      { path: "alias", message: "already held by this version" },
    ]);
  const deployment = await tx.deployment.upsert({
    where: { modelId_alias: { modelId: move.modelId, alias: move.alias } },
    create: { modelId: move.modelId, alias: move.alias, modelVersionId: move.modelVersionId },
    update: { modelVersionId: move.modelVersionId },
  });
  const entry = await tx.deploymentHistory.create({
    data: {
      modelId: move.modelId,
      alias: move.alias,
      modelVersionId: move.modelVersionId,
      previousVersionId: current?.modelVersionId ?? null,
      action: move.action,
      reason: move.reason,
      actorId: ctx.actor.id as string,
      promotionRequestId: move.promotionRequestId ?? null,
    },
  });
  await audit(tx, ctx, {
    action: move.action === "rollback" ? "deployment.rolled_back" : "deployment.alias_moved",
    entityType: "deployment",
    entityId: deployment.id,
    before: current ? { alias: move.alias, modelVersionId: current.modelVersionId } : null,
    after: { model: model.name, alias: move.alias, modelVersionId: move.modelVersionId, reason: move.reason },
  });
  // Delivered when the transaction commits, so servers never load a holder that was rolled back.
  await tx.$executeRawUnsafe(`SELECT pg_notify('${ALIAS_CHANNEL}', $1)`, model.name);
  return entry;
}

/** Puts the alias back on the version that held it before the last move. */
export async function rollbackAlias(db: Db, ctx: RequestContext, modelName: string, alias: string, reason: string) {
  return db.$transaction(async (tx) => {
    const model = await tx.registeredModel.findUnique({ where: { name: modelName } });
    if (!model) throw new NotFound("Model", JSON.stringify(modelName));
    await lockModel(tx, model.id);
    const current = await tx.deployment.findUnique({ where: { modelId_alias: { modelId: model.id, alias } } });
    if (!current)
      throw new Conflict(`No version holds the alias "${alias}", so there is nothing to roll back.`, [
        { path: "alias", message: "not held" },
      ]);
    const last = await tx.deploymentHistory.findFirst({
      where: { modelId: model.id, alias, modelVersionId: current.modelVersionId },
      orderBy: { at: "desc" },
    });
    if (!last?.previousVersionId)
      throw new Conflict(`The alias "${alias}" has no previous holder to roll back to.`, [
        { path: "alias", message: "no previous holder" },
      ]);
    return moveAlias(tx, ctx, { modelId: model.id, alias, modelVersionId: last.previousVersionId, action: "rollback", reason });
  });
}
