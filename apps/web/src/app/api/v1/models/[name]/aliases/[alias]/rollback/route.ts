import { modelRoutes } from "@roundhouse/contracts";
import { db, rollbackAlias } from "@roundhouse/db";
import { route } from "@/server/http";

/** Puts the alias back on its previous holder: one audited action for an approver or admin. */
export const POST = route(modelRoutes.rollback, async ({ caller, params, body }) => {
  const entry = await rollbackAlias(db(), caller.ctx, params.name, params.alias, body.reason);
  return {
    alias: entry.alias,
    modelVersionId: entry.modelVersionId,
    previousVersionId: entry.previousVersionId,
    at: entry.at.toISOString(),
  };
});
