import { DecisionSearchQuerySchema } from "@roundhouse/contracts";
import { requireCaller } from "@/features/auth/server/caller";
import { searchDecisions } from "@/features/models/server/decisions";
import { json, parseQuery, route } from "@/server/http";

/** The decision log, newest first: by id, model, version, output and time range. */
export const GET = route(async (req, { requestId }) => {
  await requireCaller(req, requestId);
  return json(await searchDecisions(parseQuery(req, DecisionSearchQuerySchema)));
});
