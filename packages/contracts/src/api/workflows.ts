// Workflows: training code brought by a team (Python), registered by name with a version per
// distinct source (its SHA-256). A workflow declares its tasks and its parameters as JSON Schema:
// the API validates a job's parameters with it and the wizard renders its form from it.
import { z } from "zod";
import { TaskSchema } from "./task.ts";

export const WORKFLOW_NAME = /^[a-z][a-z0-9_-]{0,62}$/;
/** "builtin" (Roundhouse's own algorithms), "name" (its latest version) or "name@version". */
export const WorkflowRefSchema = z
  .string()
  .regex(/^(builtin|[a-z][a-z0-9_-]{0,62}(@[1-9][0-9]{0,8})?)$/, {
    error: 'Name a workflow as "name" or "name@version" (lower-case letters, digits, - and _), or "builtin"',
  })
  .default("builtin")
  .meta({ description: 'What trains: "builtin" (train.algorithm) or a registered workflow, "name" for its latest version or "name@3"' });

export function parseWorkflowRef(ref: string): { name: string; version: number | null } {
  const [name, version] = ref.split("@") as [string, string | undefined];
  return { name, version: version ? Number(version) : null };
}

/** What a workflow says about itself (python3 -m roundhouse_workflow describe). */
export const WorkflowDescriptionSchema = z.object({
  description: z.string(),
  tasks: z.array(TaskSchema),
  params: z.record(z.string(), z.unknown()).meta({ description: "JSON Schema of the parameters (an object schema)" }),
  requires: z.array(z.string()).meta({ description: "Python modules it imports" }),
  missing: z.array(z.string()).meta({ description: "Of those, the ones this machine lacks: the workflow is unavailable until installed" }),
});
export type WorkflowDescription = z.infer<typeof WorkflowDescriptionSchema>;

export const WorkflowSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    version: z.number().int(),
    sha256: z.string(),
    origin: z.enum(["builtin", "folder", "api"]),
    available: z.boolean(),
    unavailableReason: z.string().nullable(),
    ...WorkflowDescriptionSchema.shape,
    registeredBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Workflow" });
export type WorkflowDto = z.infer<typeof WorkflowSchema>;

export const WorkflowListSchema = z.object({ items: z.array(WorkflowSchema) });

export const RegisterWorkflowSchema = z.object({
  name: z.string().regex(WORKFLOW_NAME, { error: "Lower-case letters, digits, - and _, starting with a letter" }),
  source: z
    .string()
    .min(1, { error: "The workflow's Python source is empty" })
    .max(256 * 1024, { error: "A workflow file is at most 256 KB" }),
});
export type RegisterWorkflow = z.infer<typeof RegisterWorkflowSchema>;

/** Why a workflow cannot train here, or null. */
export function unavailableReason(d: Pick<WorkflowDescription, "missing">): string | null {
  if (!d.missing.length) return null;
  const apt = d.missing.map((m) => APT_PACKAGES[m] ?? `the Python module ${m}`);
  return `This machine lacks ${d.missing.join(", ")}: install ${apt.join(", ")} (apt-get install on Debian) and restart Roundhouse`;
}

const APT_PACKAGES: Record<string, string> = {
  python3: "python3",
  numpy: "python3-numpy",
  xgboost: "python3-xgboost",
  sklearn: "python3-sklearn",
  torch: "python3-torch",
};

/**
 * A job's workflow parameters checked against the workflow's JSON Schema, defaults filled in; every
 * problem with its path under train.params.
 */
export function parseWorkflowParams(
  schema: Record<string, unknown>,
  raw: unknown,
): { success: true; data: Record<string, unknown> } | { success: false; problems: { path: string; message: string }[] } {
  let parser: z.ZodType;
  try {
    parser = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (err) {
    return {
      success: false,
      problems: [{ path: "train.workflow", message: `the workflow's parameter schema is not usable: ${(err as Error).message}` }],
    };
  }
  const parsed = parser.safeParse(raw ?? {});
  if (parsed.success) return { success: true, data: parsed.data as Record<string, unknown> };
  return { success: false, problems: paramsProblems(parsed.error.issues, "this workflow") };
}

/** Parameter problems at their paths under train.params; an unknown key is named in its path. */
export function paramsProblems(issues: z.core.$ZodIssue[], owner: string): { path: string; message: string }[] {
  return issues.map((i) => ({
    path: ["train", "params", ...i.path.map(String), ...(i.code === "unrecognized_keys" ? [i.keys.join(",")] : [])].join("."),
    message: i.code === "unrecognized_keys" ? `not a parameter of ${owner}` : i.message,
  }));
}
