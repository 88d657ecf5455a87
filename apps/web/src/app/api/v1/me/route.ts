import { toUserDto } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { json, route } from "@/server/http";

export const GET = route(async (req, { requestId }) => {
  const { user } = await requireCaller(req, requestId);
  return json(toUserDto(user));
});
