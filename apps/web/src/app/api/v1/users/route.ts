import { CreateUserRequestSchema } from "@roundhouse/contracts";
import { createUser, db, toUserDto } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { json, parseBody, route } from "@/server/http";

export const GET = route(async (req, { requestId }) => {
  await requireCaller(req, requestId, "users:manage");
  const users = await db().user.findMany({ orderBy: { createdAt: "asc" } });
  return json({ items: users.map(toUserDto) });
});

export const POST = route(async (req, { requestId }) => {
  const { ctx } = await requireCaller(req, requestId, "users:manage");
  const body = await parseBody(req, CreateUserRequestSchema);
  return json(toUserDto(await createUser(db(), ctx, body)), 201);
});
