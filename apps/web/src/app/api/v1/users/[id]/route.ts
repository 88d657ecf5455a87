import { IdParamSchema, Invalid, UpdateUserRequestSchema } from "@roundhouse/contracts";
import { db, toUserDto, updateUser } from "@roundhouse/db";
import { requireCaller } from "@/features/auth/server/caller";
import { json, parseBody, route } from "@/server/http";

/** An admin changes a role or disables an account (which ends its sessions at once). */
export const PATCH = route<{ id: string }>(async (req, { requestId, params }) => {
  const { ctx } = await requireCaller(req, requestId, "users:manage");
  const p = IdParamSchema.safeParse(params);
  if (!p.success) throw Invalid.fromZod(p.error, "path");
  const body = await parseBody(req, UpdateUserRequestSchema);
  return json(toUserDto(await updateUser(db(), ctx, p.data.id, body)));
});
