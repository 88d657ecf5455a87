import { CompareQuerySchema } from "@roundhouse/contracts";
import { requireCaller } from "@/features/auth/server/caller";
import { getRuns } from "@/features/runs/server/runs";
import { json, parseQuery, route } from "@/server/http";

/** ?ids=a,b,c: 2 to 20 runs with everything the compare page draws. */
export const GET = route(async (req, { requestId }) => {
  await requireCaller(req, requestId);
  const { ids } = parseQuery(req, CompareQuerySchema);
  return json({ runs: await getRuns(ids) });
});
