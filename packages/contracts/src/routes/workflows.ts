import { z } from "zod";
import { RegisterWorkflowSchema, WorkflowListSchema, WorkflowSchema } from "../api/workflows.ts";
import { declareRoute } from "./declare.ts";

export const WorkflowNameParamSchema = z.object({ name: z.string().min(1).max(63) });

export const workflowRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/workflows",
    summary: "Workflows that can train a job: the latest version of each, with its parameters (JSON Schema) and availability here",
    access: "read",
    status: 200,
    response: WorkflowListSchema,
  }),
  versions: declareRoute({
    method: "GET",
    path: "/api/v1/workflows/{name}",
    summary: "Every version of one workflow, newest first, with the SHA-256 of its source",
    access: "read",
    params: WorkflowNameParamSchema,
    status: 200,
    response: WorkflowListSchema,
    errors: { 404: "No such workflow" },
  }),
  register: declareRoute({
    method: "POST",
    path: "/api/v1/workflows",
    summary: "Register a workflow's Python source: a new version when the source differs from every stored one",
    access: "workflows:register",
    body: RegisterWorkflowSchema,
    status: 201,
    response: WorkflowSchema,
    errors: { 400: "Not a workflow file (it does not load, or marks no function with @workflow)" },
  }),
};
