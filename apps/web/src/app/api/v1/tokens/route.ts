import { tokenRoutes } from "@roundhouse/contracts";
import { createApiToken, db, listApiTokens, toApiTokenDto } from "@roundhouse/db";
import { route } from "@/server/http";

export const GET = route(tokenRoutes.list, async ({ caller }) => ({ items: await listApiTokens(db(), caller.user.id) }));

export const POST = route(tokenRoutes.create, async ({ caller, body }) => {
  const { token, record } = await createApiToken(db(), caller.ctx, caller.user.id, body);
  return { ...toApiTokenDto(record), token };
});
