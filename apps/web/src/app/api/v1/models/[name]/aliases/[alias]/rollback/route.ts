import { RollbackBodySchema } from "@roundhouse/contracts";
import { db, rollbackAlias } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { json, parseBody, route } from "@/server/http";

/** Puts the alias back on its previous holder: one audited action for an approver or admin. */
export const POST = route<{ name: string; alias: string }>(async (req, { requestId, params }) => {
  const { ctx } = await requireCaller(req, requestId, "models:rollback");
  const { reason } = await parseBody(req, RollbackBodySchema);
  const entry = await rollbackAlias(db(), ctx, params.name, params.alias, reason);
  return json({ alias: entry.alias, modelVersionId: entry.modelVersionId, previousVersionId: entry.previousVersionId, at: entry.at });
});
