import { jobRoutes } from "@roundhouse/contracts";
import { getJob } from "@/features/jobs/server/jobs";
import { route } from "@/server/http";

export const GET = route(jobRoutes.get, ({ params }) => getJob(params.id));
