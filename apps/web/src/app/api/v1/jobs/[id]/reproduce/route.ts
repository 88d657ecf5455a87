import { jobRoutes } from "@roundhouse/contracts";
import { reproduceJob } from "@/features/jobs/server/jobs";
import { route } from "@/server/http";

/** A new job with the exact spec and dataset versions of a succeeded one; its page says whether the model bytes match. */
export const POST = route(jobRoutes.reproduce, ({ caller, params }) => reproduceJob(caller.ctx, caller.user.id, params.id));
