import { CreateApiTokenRequestSchema } from "@roundhouse/contracts";
import { createApiToken, db, toApiTokenDto } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { json, parseBody, route } from "@/server/http";

export const GET = route(async (req, { requestId }) => {
  const { user } = await requireCaller(req, requestId, "tokens:manage-own");
  const tokens = await db().apiToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
  return json({ items: tokens.map(toApiTokenDto) });
});

export const POST = route(async (req, { requestId }) => {
  const { user, ctx } = await requireCaller(req, requestId, "tokens:manage-own");
  const body = await parseBody(req, CreateApiTokenRequestSchema);
  const { token, record } = await createApiToken(db(), ctx, user.id, body);
  return json({ ...toApiTokenDto(record), token }, 201);
});
