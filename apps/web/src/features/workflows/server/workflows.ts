import "server-only";
import { NotFound, type RegisterWorkflow, type WorkflowDto } from "@roundhouse/contracts";
import { db, listWorkflowVersions, type RequestContext, registerWorkflowVersion, toWorkflowDto } from "@roundhouse/db";
import { describeWorkflow, syncWorkflowFiles } from "@roundhouse/workflows";

/** The latest version of every workflow (the built-in and folder files synced first). */
export async function listWorkflows(): Promise<{ items: WorkflowDto[] }> {
  await syncWorkflowFiles(db());
  return { items: await listWorkflowVersions(db()) };
}

export async function workflowVersions(name: string): Promise<{ items: WorkflowDto[] }> {
  await syncWorkflowFiles(db());
  const items = (await listWorkflowVersions(db(), { latestOnly: false })).filter((w) => w.name === name);
  if (!items.length) throw new NotFound("Workflow", name);
  return { items };
}

/** A source that loads and marks one @workflow function becomes a version (the same source: the same version). */
export async function registerWorkflow(ctx: RequestContext, body: RegisterWorkflow): Promise<{ workflow: WorkflowDto; created: boolean }> {
  const description = await describeWorkflow(body.source);
  const { version, created } = await registerWorkflowVersion(db(), ctx, { ...body, origin: "api", description });
  return { workflow: toWorkflowDto(version), created };
}
