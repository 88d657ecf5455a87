import { requireCaller } from "@/features/auth/server/caller";
import { serving } from "@/features/models/server/serving";
import { json, PREDICT_BODY_BYTES, readJson, route } from "@/server/http";

/** Scores one record or an array of records; every prediction is in the decision log first. */
export const POST = route<{ name: string }>(async (req, { requestId, params }) => {
  const { user } = await requireCaller(req, requestId, "models:predict");
  const body = await readJson(req, PREDICT_BODY_BYTES, "The request body must be JSON: one record, or an array of records.");
  const answer = await (await serving()).predict({
    modelName: params.name,
    query: Object.fromEntries(new URL(req.url).searchParams),
    body,
    caller: user.email,
    requestId,
  });
  return json(answer);
});
