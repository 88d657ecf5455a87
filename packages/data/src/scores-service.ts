// A scoring job's output (packages/worker score-job.ts) as a dataset version: the scores are data
// like any other, kept with their lineage to the input version and the model version.
import { createHash } from "node:crypto";
import { Conflict, type IngestResult, type ScoringProvenance } from "@roundhouse/contracts";
import { canonicalJson, type Db, type RequestContext } from "@roundhouse/db";
import { toColumnSchema } from "./column-types.ts";
import { commitVersion } from "./datasets-service.ts";
import { literal, queryRows, withConnection } from "./duckdb.ts";
import { profileParquet } from "./profile.ts";

/**
 * A scoring job's output as a version of `name` (made if new; refused if it holds anything but
 * scores). Its content hash covers the model file, the input version and the id columns, so the
 * same scoring run again (a retried attempt) answers the version already made.
 */
export async function registerScores(
  db: Db,
  ctx: RequestContext,
  req: { name: string; parquet: string; input: { id: string; contentHash: string }; provenance: ScoringProvenance },
  firstTry = true,
): Promise<IngestResult> {
  try {
    return await storeScores(db, ctx, req);
  } catch (err) {
    // Two scoring jobs making the same new output at once: the one that lost the race to create the
    // dataset tries once more, now finding the dataset (and, for the same scores, their version). A
    // dataset of other data is refused again, the same way.
    if (firstTry && err instanceof Conflict) return registerScores(db, ctx, req, false);
    throw err;
  }
}

async function storeScores(
  db: Db,
  ctx: RequestContext,
  req: { name: string; parquet: string; input: { id: string; contentHash: string }; provenance: ScoringProvenance },
): Promise<IngestResult> {
  const existing = await db.dataset.findUnique({ where: { name: req.name }, include: { versions: { select: { sourceKind: true } } } });
  if (existing && existing.versions.some((v) => v.sourceKind !== "scored")) throw outputTaken(req.name);
  const contentHash = createHash("sha256")
    .update(
      canonicalJson({
        kind: "score",
        model: req.provenance.modelSha256,
        input: req.input.contentHash,
        idColumns: req.provenance.idColumns,
      }),
    )
    .digest("hex");
  const { schema, rowCount } = await withConnection(async (c) => ({
    schema: toColumnSchema(await queryRows(c, `DESCRIBE SELECT * FROM read_parquet(${literal(req.parquet)})`)),
    rowCount: Number((await queryRows(c, `SELECT count(*)::BIGINT AS n FROM read_parquet(${literal(req.parquet)})`))[0]?.n ?? 0),
  }));
  return commitVersion(db, ctx, {
    datasetId: existing?.id,
    name: req.name,
    description: `Scores of ${req.provenance.model} v${req.provenance.version}`,
    parquet: req.parquet,
    contentHash,
    sourceKind: "scored",
    sourceName: `${req.provenance.model} v${req.provenance.version}`,
    rowCount,
    schema,
    profile: await profileParquet(req.parquet, schema),
    warnings: [],
    definition: req.provenance,
    parentIds: [req.input.id],
  });
}

/** The output of a scoring job must be a dataset of scores: it never adds a version to other data. */
export function outputTaken(name: string): Conflict {
  return new Conflict(`The dataset "${name}" holds data other than scores; name another output.`, [
    { path: "output", message: `"${name}" is not a dataset of scores` },
  ]);
}
