import { workflowRoutes } from "@roundhouse/contracts";
import { listWorkflows, registerWorkflow } from "@/features/workflows/server/workflows";
import { reply, route } from "@/server/http";

export const GET = route(workflowRoutes.list, () => listWorkflows());

// The same source again answers 200 with the version it already has.
export const POST = route(workflowRoutes.register, async ({ caller, body }) => {
  const { workflow, created } = await registerWorkflow(caller.ctx, body);
  return reply(created ? 201 : 200, workflow);
});
