import { authRoutes } from "@roundhouse/contracts";
import { toUserDto } from "@roundhouse/db";
import { route } from "@/server/http";

export const GET = route(authRoutes.me, async ({ caller }) => toUserDto(caller.user));
