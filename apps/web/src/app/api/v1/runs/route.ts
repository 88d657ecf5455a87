import { runRoutes } from "@roundhouse/contracts";
import { getRuns } from "@/features/runs/server/runs";
import { route } from "@/server/http";

/** ?ids=a,b,c: 2 to 20 runs with everything the compare page draws. */
export const GET = route(runRoutes.compare, async ({ query }) => ({ runs: await getRuns(query.ids) }));
