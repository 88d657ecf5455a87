import { modelRoutes } from "@roundhouse/contracts";
import { getModel } from "@/features/registry/server/registry";
import { route } from "@/server/http";

/** One model: versions with metrics and provenance, alias holders, alias timeline, requests. */
export const GET = route(modelRoutes.get, ({ params }) => getModel(params.name));
