import { userRoutes } from "@roundhouse/contracts";
import { db, toUserDto, updateUser } from "@roundhouse/db";
import { route } from "@/server/http";

/** An admin changes a role or disables an account (which ends its sessions at once). */
export const PATCH = route(userRoutes.update, async ({ caller, params, body }) =>
  toUserDto(await updateUser(db(), caller.ctx, params.id, body)),
);
