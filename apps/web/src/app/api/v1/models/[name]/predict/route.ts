import { modelRoutes } from "@roundhouse/contracts";
import { serving } from "@/features/decisions/server/serving";
import { route } from "@/server/http";

/** Scores one record or an array of records; every prediction is in the decision log first. */
export const POST = route(modelRoutes.predict, async ({ req, requestId, caller, params, body }) =>
  (await serving()).predict({
    modelName: params.name,
    // The serving package checks the query itself (it also backs `roundhouse serve`).
    query: Object.fromEntries(new URL(req.url).searchParams),
    body,
    caller: caller.user.email,
    requestId,
  }),
);
