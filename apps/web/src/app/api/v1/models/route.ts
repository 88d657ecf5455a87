import { requireCaller } from "@/features/auth/server/caller";
import { listModels } from "@/features/models/server/registry";
import { json, route } from "@/server/http";

/** Registered models with their aliases and latest version. */
export const GET = route(async (req, { requestId }) => {
  await requireCaller(req, requestId);
  return json({ items: await listModels() });
});
