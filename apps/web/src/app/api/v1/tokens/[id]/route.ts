import { tokenRoutes } from "@roundhouse/contracts";
import { db, revokeApiToken } from "@roundhouse/db";
import { route } from "@/server/http";

export const DELETE = route(tokenRoutes.revoke, async ({ caller, params }) => {
  await revokeApiToken(db(), caller.ctx, caller.user.id, params.id);
});
