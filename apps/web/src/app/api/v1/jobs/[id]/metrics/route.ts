import { jobRoutes } from "@roundhouse/contracts";
import { jobMetrics } from "@/features/jobs/server/job-output";
import { route } from "@/server/http";

/** Per-iteration series (train and validation loss) of every run of the job. */
export const GET = route(jobRoutes.metrics, ({ params }) => jobMetrics(params.id));
