import { IdParamSchema, Invalid } from "@roundhouse/contracts";
import { db, revokeApiToken } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { route } from "@/server/http";

export const DELETE = route<{ id: string }>(async (req, { requestId, params }) => {
  const { user, ctx } = await requireCaller(req, requestId, "tokens:manage-own");
  const parsed = IdParamSchema.safeParse(params);
  if (!parsed.success) throw Invalid.fromZod(parsed.error, "path");
  await revokeApiToken(db(), ctx, user.id, parsed.data.id);
  return new Response(null, { status: 204 });
});
