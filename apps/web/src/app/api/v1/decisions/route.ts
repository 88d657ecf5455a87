import { decisionRoutes } from "@roundhouse/contracts";
import { searchDecisions } from "@/features/decisions/server/decisions";
import { route } from "@/server/http";

/** The decision log, newest first: by id, model, version, output and time range. */
export const GET = route(decisionRoutes.search, ({ query }) => searchDecisions(query));
