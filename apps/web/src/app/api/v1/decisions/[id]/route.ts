import { decisionRoutes } from "@roundhouse/contracts";
import { getDecision } from "@/features/decisions/server/decisions";
import { route } from "@/server/http";

/** One decision: input, output, reasons, and its lineage back to the dataset versions. */
export const GET = route(decisionRoutes.get, ({ params }) => getDecision(params.id));
