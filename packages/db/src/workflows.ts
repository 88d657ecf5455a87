// Workflow versions: one row per distinct source of a workflow name, numbered in order of
// registration and never changed, so a run can name exactly what trained it. Registering a source
// already stored under that name returns its version (files are synced on every start).
import { createHash } from "node:crypto";
import type { WorkflowDescription, WorkflowDto } from "@roundhouse/contracts";
import { unavailableReason } from "@roundhouse/contracts";
import { audit, type RequestContext } from "./audit.ts";
import type { Db, Prisma } from "./client.ts";

export interface NewWorkflowVersion {
  name: string;
  source: string;
  origin: "builtin" | "folder" | "api";
  description: WorkflowDescription;
}

export const workflowSha256 = (source: string) => createHash("sha256").update(source).digest("hex");

export async function registerWorkflowVersion(client: Db, ctx: RequestContext, input: NewWorkflowVersion) {
  const sha256 = workflowSha256(input.source);
  return client.$transaction(async (tx) => {
    // One registration of a name at a time: versions are numbered without gaps or duplicates.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`workflow:${input.name}`}))`;
    const same = await tx.workflowVersion.findUnique({
      where: { name_sha256: { name: input.name, sha256 } },
      include: { registeredBy: { select: { email: true } } },
    });
    if (same) return { version: same, created: false };
    const last = await tx.workflowVersion.findFirst({
      where: { name: input.name },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const version = await tx.workflowVersion.create({
      data: {
        name: input.name,
        version: (last?.version ?? 0) + 1,
        sha256,
        source: input.source,
        origin: input.origin,
        description: input.description as unknown as Prisma.InputJsonValue,
        registeredById: ctx.actor.id,
      },
      include: { registeredBy: { select: { email: true } } },
    });
    await audit(tx, ctx, {
      action: "workflow.registered",
      entityType: "workflow",
      entityId: version.id,
      after: { name: version.name, version: version.version, sha256, origin: input.origin },
    });
    return { version, created: true };
  });
}

/** A version by number, or the latest when `version` is null. */
export function findWorkflowVersion(client: Db, name: string, version: number | null) {
  return version === null
    ? client.workflowVersion.findFirst({ where: { name }, orderBy: { version: "desc" } })
    : client.workflowVersion.findUnique({ where: { name_version: { name, version } } });
}

/** Every version, newest first per name (or only the latest of each); sources are not read. */
export async function listWorkflowVersions(client: Db, { latestOnly = true }: { latestOnly?: boolean } = {}): Promise<WorkflowDto[]> {
  const rows = await client.workflowVersion.findMany({
    orderBy: [{ name: "asc" }, { version: "desc" }],
    omit: { source: true },
    include: { registeredBy: { select: { email: true } } },
  });
  const seen = new Set<string>();
  return rows.filter((r) => !latestOnly || (!seen.has(r.name) && seen.add(r.name))).map(toWorkflowDto);
}

export function toWorkflowDto(r: {
  id: string;
  name: string;
  version: number;
  sha256: string;
  origin: string;
  description: unknown;
  createdAt: Date;
  registeredBy?: { email: string } | null;
}): WorkflowDto {
  const d = r.description as WorkflowDescription;
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    sha256: r.sha256,
    origin: r.origin as WorkflowDto["origin"],
    available: unavailableReason(d) === null,
    unavailableReason: unavailableReason(d),
    ...d,
    registeredBy: r.registeredBy?.email ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
