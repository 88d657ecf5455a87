// Four eyes on every alias move that is not a rollback: an engineer asks for a version to take an
// alias, with a justification and a champion/challenger comparison; someone else decides. The
// request row is locked while deciding and an approval is unique per request, so two approvers
// clicking at once produce one decision and one alias move; the other gets a 409.
import { Conflict, Forbidden, NotFound } from "@roundhouse/contracts";
import { moveAlias } from "./aliases.ts";
import { audit, type RequestContext } from "./audit.ts";
import type { Db, Prisma } from "./client.ts";

export interface NewPromotionRequest {
  modelName: string;
  version: number;
  alias: string;
  justification: string;
  comparison: unknown;
  /** Who asks, when the actor is not a person (a retraining policy asks for its owner). */
  requesterId?: string;
}

export async function requestPromotion(db: Db, ctx: RequestContext, input: NewPromotionRequest) {
  return db.$transaction(async (tx) => {
    const model = await tx.registeredModel.findUnique({ where: { name: input.modelName } });
    if (!model) throw new NotFound("Model", JSON.stringify(input.modelName));
    const version = await tx.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version: input.version } } });
    if (!version) throw new NotFound("Model version", `${input.modelName} ${input.version}`);
    const holder = await tx.deployment.findUnique({ where: { modelId_alias: { modelId: model.id, alias: input.alias } } });
    if (holder?.modelVersionId === version.id)
      throw new Conflict(`Version ${input.version} already holds "${input.alias}".`, [
        { path: "alias", message: "already held by this version" },
      ]);
    const pending = await tx.promotionRequest.findFirst({ where: { modelVersionId: version.id, alias: input.alias, status: "pending" } });
    if (pending)
      throw new Conflict(`Version ${input.version} already has a pending request for "${input.alias}" (${pending.id}).`, [
        { path: "alias", message: "already requested" },
      ]);
    const request = await tx.promotionRequest.create({
      data: {
        modelId: model.id,
        modelVersionId: version.id,
        alias: input.alias,
        justification: input.justification,
        requesterId: input.requesterId ?? (ctx.actor.id as string),
        comparison: input.comparison as Prisma.InputJsonValue,
      },
    });
    await audit(tx, ctx, {
      action: "promotion.requested",
      entityType: "promotion_request",
      entityId: request.id,
      after: { model: model.name, version: input.version, alias: input.alias, justification: input.justification },
    });
    return request;
  });
}

export async function decidePromotion(db: Db, ctx: RequestContext, requestId: string, decision: "approved" | "rejected", comment: string) {
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRawUnsafe<{ id: string }[]>(
      "SELECT id FROM promotion_requests WHERE id = $1::uuid FOR UPDATE",
      requestId,
    );
    if (!locked) throw new NotFound("Promotion request", requestId);
    const request = await tx.promotionRequest.findUniqueOrThrow({
      where: { id: requestId },
      include: { approvals: { include: { approver: true } }, modelVersion: true, model: true },
    });
    if (request.requesterId === ctx.actor.id)
      throw new Forbidden("You requested this promotion; another approver has to decide it (four eyes).");
    if (request.status !== "pending") {
      const by = request.approvals[0]?.approver.email;
      throw new Conflict(`This request was already ${request.status}${by ? ` by ${by}` : ""}.`, [
        { path: "decision", message: `already ${request.status}` },
      ]);
    }
    const approval = await tx.approval.create({
      data: { promotionRequestId: requestId, approverId: ctx.actor.id as string, decision, comment },
    });
    await tx.promotionRequest.update({ where: { id: requestId }, data: { status: decision, decidedAt: new Date() } });
    await audit(tx, ctx, {
      action: decision === "approved" ? "promotion.approved" : "promotion.rejected",
      entityType: "promotion_request",
      entityId: requestId,
      before: { status: "pending" },
      // What was decided, not only the verdict: the event alone answers "who promoted churn v3 to
      // production, and on what grounds".
      after: {
        status: decision,
        comment,
        model: request.model.name,
        version: request.modelVersion.version,
        alias: request.alias,
        justification: request.justification,
      },
    });
    if (decision === "approved") {
      await moveAlias(tx, ctx, {
        modelId: request.modelId,
        alias: request.alias,
        modelVersionId: request.modelVersionId,
        action: "promote",
        reason: request.justification,
        promotionRequestId: requestId,
      });
    }
    return approval;
  });
}
