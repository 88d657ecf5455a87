import { runRoutes } from "@roundhouse/contracts";
import { getRun } from "@/features/runs/server/runs";
import { route } from "@/server/http";

/** A run with its holdout evaluation (curves, confusion, importances) and per-iteration series. */
export const GET = route(runRoutes.get, ({ params }) => getRun(params.id));
