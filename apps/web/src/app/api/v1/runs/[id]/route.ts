import { runRoutes } from "@roundhouse/contracts";
import { annotateRun, db } from "@roundhouse/db";
import { getRun } from "@/features/runs/server/runs";
import { route } from "@/server/http";

/** A run with its holdout evaluation (curves, confusion, importances) and per-iteration series. */
export const GET = route(runRoutes.get, ({ params }) => getRun(params.id));

/** Notes and tags people keep on a run; the spec it was trained from is never edited. */
export const PATCH = route(runRoutes.annotate, async ({ caller, params, body }) => {
  await annotateRun(db(), caller.ctx, params.id, body);
  return getRun(params.id);
});
