import { workflowRoutes } from "@roundhouse/contracts";
import { workflowVersions } from "@/features/workflows/server/workflows";
import { route } from "@/server/http";

export const GET = route(workflowRoutes.versions, ({ params }) => workflowVersions(params.name));
