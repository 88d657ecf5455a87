import { jobRoutes } from "@roundhouse/contracts";
import { jobLog } from "@/features/jobs/server/job-output";
import { route } from "@/server/http";

// ?after=<id> returns lines after that one: clients follow a running job by polling with the last id.
export const GET = route(jobRoutes.logs, ({ params, query }) => jobLog(params.id, query.after, query.limit));
