import "server-only";
// Promotion requests as the approvals inbox and the request page read them, and creating one with
// its champion/challenger comparison computed first (outside the transaction: it reads data).
import { type Comparison, NotFound, type PromotionDto, type PromotionRequestBody } from "@roundhouse/contracts";
import { db, type RequestContext, requestPromotion } from "@roundhouse/db";
import { compareOnHoldout, resolvePromotion } from "./comparison";

export async function createPromotionRequest(ctx: RequestContext, modelName: string, body: PromotionRequestBody) {
  const { candidateId, holderId } = await resolvePromotion(modelName, body.version, body.alias);
  // When the candidate already holds the alias, requestPromotion refuses it with a 409.
  const comparison = holderId === candidateId ? null : await compareOnHoldout(candidateId, holderId);
  const created = await requestPromotion(db(), ctx, { modelName, ...body, comparison });
  return getPromotion(created.id);
}

const include = {
  model: { select: { name: true } },
  modelVersion: { select: { version: true, metrics: true, runId: true } },
  requester: { select: { email: true } },
  approvals: { include: { approver: { select: { email: true } } } },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof loadOne>>>;
const loadOne = (id: string) => db().promotionRequest.findUnique({ where: { id }, include });

function toDto(r: Row): PromotionDto {
  const approval = r.approvals[0];
  return {
    id: r.id,
    model: r.model.name,
    version: r.modelVersion.version,
    runId: r.modelVersion.runId,
    alias: r.alias,
    justification: r.justification,
    status: r.status,
    requester: r.requester.email,
    requesterId: r.requesterId,
    comparison: (r.comparison as Comparison | null) ?? null,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decision: approval ? { by: approval.approver.email, decision: approval.decision, comment: approval.comment } : null,
  };
}

export async function getPromotion(id: string): Promise<PromotionDto> {
  const r = await loadOne(id);
  if (!r) throw new NotFound("Promotion request", id);
  return toDto(r);
}

export async function listPromotions(
  status: "pending" | "approved" | "rejected" | "withdrawn" | "all",
  model?: string,
): Promise<PromotionDto[]> {
  const rows = await db().promotionRequest.findMany({
    where: { ...(status === "all" ? {} : { status }), ...(model ? { model: { name: model } } : {}) },
    orderBy: { createdAt: "desc" },
    take: 100,
    include,
  });
  // The list does not need the curves; the request page does.
  return rows.map((r) => ({ ...toDto(r), comparison: null }));
}

/** Pending requests the user could decide: someone else's. The nav badge counts them. */
export function countAwaiting(userId: string) {
  return db().promotionRequest.count({ where: { status: "pending", requesterId: { not: userId } } });
}
