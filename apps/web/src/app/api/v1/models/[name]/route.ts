import { requireCaller } from "@/features/auth/server/caller";
import { getModel } from "@/features/models/server/registry";
import { json, route } from "@/server/http";

/** One model: versions with metrics and provenance, alias holders, alias timeline, requests. */
export const GET = route<{ name: string }>(async (req, { requestId, params }) => {
  await requireCaller(req, requestId);
  return json(await getModel(params.name));
});
