import { userRoutes } from "@roundhouse/contracts";
import { createUser, db, listUsers, toUserDto } from "@roundhouse/db";
import { route } from "@/server/http";

export const GET = route(userRoutes.list, async () => ({ items: await listUsers(db()) }));

export const POST = route(userRoutes.create, async ({ caller, body }) => toUserDto(await createUser(db(), caller.ctx, body)));
