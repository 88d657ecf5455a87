import "server-only";
// The decision log as the explorer reads it: search by id, model, version, output and time, and
// one decision with its lineage (model version → run → training spec → dataset versions + hashes).
import { type DecisionDetail, type DecisionPage, type DecisionSearchQuery, NotFound } from "@roundhouse/contracts";
import { db, type Prisma } from "@roundhouse/db";

export async function searchDecisions(q: DecisionSearchQuery): Promise<DecisionPage> {
  // A prediction is a class name (text) or a value (number): match the text, and the number too.
  const outputs: Prisma.DecisionWhereInput[] = q.output
    ? [
        { output: { path: ["prediction"], equals: q.output } },
        ...(Number.isFinite(Number(q.output)) ? [{ output: { path: ["prediction"], equals: Number(q.output) } }] : []),
      ]
    : [];
  const direction = q.order === "oldest" ? "asc" : "desc";
  const where: Prisma.DecisionWhereInput = {
    ...(q.id ? { id: q.id } : {}),
    ...(q.model ? { modelName: q.model } : {}),
    ...(q.version ? { modelVersion: { version: q.version } } : {}),
    ...(outputs.length ? { OR: outputs } : {}),
    at: {
      ...(q.from ? { gte: new Date(q.from) } : {}),
      ...(q.to ? { lte: new Date(q.to) } : {}),
      ...(q.before ? { lt: new Date(q.before) } : {}),
    },
    ...(q.cursor ? { AND: [afterCursor(q.cursor, direction)] } : {}),
  };
  const rows = await db().decision.findMany({
    where,
    orderBy: [{ at: direction }, { id: direction }],
    take: q.limit + 1,
    include: { modelVersion: { select: { version: true } } },
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((d) => ({
      id: d.id,
      at: d.at.toISOString(),
      caller: d.caller,
      model: d.modelName,
      version: d.modelVersion.version,
      alias: d.alias,
      output: d.output as { prediction: string | number; probabilities: Record<string, number> | null },
    })),
    nextCursor: rows.length > q.limit && last ? `${last.at.toISOString()}~${last.id}` : null,
  };
}

/** Rows strictly past the cursor's (time, id) in the page order: ties within a millisecond are kept apart by id. */
function afterCursor(cursor: string, direction: "asc" | "desc"): Prisma.DecisionWhereInput {
  const [iso, id] = cursor.split("~") as [string, string];
  const at = new Date(iso);
  const past = direction === "desc" ? "lt" : "gt";
  return { OR: [{ at: { [past]: at } }, { at, id: { [past]: id } }] };
}

export async function getDecision(id: string): Promise<DecisionDetail> {
  const d = await db().decision.findUnique({
    where: { id },
    include: {
      modelVersion: {
        include: {
          model: { select: { name: true } },
          run: { include: { job: { select: { id: true, name: true, spec: true, createdAt: true } } } },
          datasets: { include: { datasetVersion: { include: { dataset: { select: { name: true } } } } } },
        },
      },
    },
  });
  if (!d) throw new NotFound("Decision", id);
  const mv = d.modelVersion;
  return {
    id: d.id,
    at: d.at.toISOString(),
    caller: d.caller,
    requestId: d.requestId,
    alias: d.alias,
    input: d.input as Record<string, unknown>,
    output: d.output as { prediction: string | number; probabilities: Record<string, number> | null },
    reasons: (d.reasons as { feature: string; value: unknown; contribution: number }[] | null) ?? [],
    warnings: (d.warnings as { feature: string; message: string }[] | null) ?? [],
    lineage: {
      model: { name: mv.model.name },
      modelVersion: { id: mv.id, version: mv.version, artifactSha256: mv.artifactSha256, createdAt: mv.createdAt.toISOString() },
      run: { id: mv.run.id, algorithm: mv.run.algorithm, metrics: (mv.run.metrics as Record<string, number> | null) ?? null },
      job: { id: mv.run.job.id, name: mv.run.job.name, createdAt: mv.run.job.createdAt.toISOString() },
      spec: mv.run.job.spec,
      datasetVersions: mv.datasets.map((x) => ({
        id: x.datasetVersionId,
        datasetId: x.datasetVersion.datasetId,
        name: x.datasetVersion.dataset.name,
        version: x.datasetVersion.version,
        sha256: x.datasetVersion.contentHash,
        rows: Number(x.datasetVersion.rowCount),
      })),
    },
  };
}
