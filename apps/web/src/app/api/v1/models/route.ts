import { modelRoutes } from "@roundhouse/contracts";
import { listModels } from "@/features/registry/server/registry";
import { route } from "@/server/http";

/** Registered models with their aliases and latest version. */
export const GET = route(modelRoutes.list, async () => ({ items: await listModels() }));
