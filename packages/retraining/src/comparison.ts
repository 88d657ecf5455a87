// Champion/challenger: the candidate version and the version now holding the alias, scored on the
// same rows, the candidate's holdout (its exact dataset version, filters and split). Up to 50,000
// evenly spaced holdout rows keep a comparison on the 3M-row demo data to a few seconds. Used by
// promotion requests (web) and by retraining policies (the scheduler in the worker).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type ColumnSchema, type Comparison, definedMetrics, TrainingSpecSchema, thin } from "@roundhouse/contracts";
import { type FeatureMatrix, loadTrainingMatrix } from "@roundhouse/data";
import type { Db } from "@roundhouse/db";
import type { ModelDocument } from "@roundhouse/ml";
import { readModel, sampleRows, scoreOnHoldout } from "./holdout-scoring.ts";

const MAX_ROWS = 50_000;

type Side = NonNullable<Comparison["challenger"]>;

/** The comparison, or `{ error }` saying why it could not be computed (never throws). */
export async function compareVersionsOnHoldout(db: Db, candidateId: string, championId: string | null): Promise<Comparison> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-compare-"));
  try {
    return await compare(db, candidateId, championId, tmpDir);
  } catch (err) {
    return { error: `The comparison could not be computed: ${(err as Error).message}` };
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

async function compare(db: Db, candidateId: string, championId: string | null, tmpDir: string): Promise<Comparison> {
  const include = {
    artifact: true,
    run: { include: { job: true } },
    datasets: { include: { datasetVersion: { include: { dataset: true } } } },
  };
  const candidate = await db.modelVersion.findUniqueOrThrow({ where: { id: candidateId }, include });
  const champion = championId ? await db.modelVersion.findUniqueOrThrow({ where: { id: championId }, include }) : null;
  const source = candidate.datasets[0]?.datasetVersion;
  if (!source) return { error: "The candidate has no recorded dataset version, so there is no holdout to score on." };
  const spec = TrainingSpecSchema.parse(candidate.run.job.spec);
  const challengerDoc = await readModel(candidate.artifact.path, candidate.artifactSha256);
  const championDoc = champion ? await readModel(champion.artifact.path, champion.artifactSha256) : null;

  const columns = new Set((source.schema as unknown as ColumnSchema[]).map((c) => c.name));
  const missing = championDoc?.features.filter((f) => !columns.has(f.name)).map((f) => f.name) ?? [];
  const features = [...new Set([...challengerDoc.features, ...(missing.length ? [] : (championDoc?.features ?? []))].map((f) => f.name))];
  const { matrix } = await loadTrainingMatrix(db, { ...spec, data: { ...spec.data, datasetVersionId: source.id } }, { tmpDir, features });
  const rows = sampleRows(matrix.holdout.rows, MAX_ROWS);

  const challenger = await score(challengerDoc, matrix, rows, candidate.version);
  const championSide = championDoc && !missing.length ? await score(championDoc, matrix, rows, champion?.version as number) : null;
  const deltas = championSide
    ? Object.fromEntries(
        Object.entries(challenger.metrics)
          .filter(([k]) => k in championSide.metrics)
          .map(([k, v]) => [k, v - (championSide.metrics[k] as number)]),
      )
    : undefined;
  return {
    rows: rows.length,
    holdoutRows: matrix.holdout.rows,
    dataset: `${source.dataset.name} v${source.version}`,
    challenger,
    champion: championSide,
    deltas,
    note: missing.length
      ? `Version ${champion?.version} needs columns this holdout lacks (${missing.join(", ")}); only the candidate is scored.`
      : undefined,
  };
}

/** The model's metrics and curves on the sampled rows. */
async function score(doc: ModelDocument, matrix: FeatureMatrix, rows: Int32Array, version: number): Promise<Side> {
  const result = await scoreOnHoldout(doc, matrix, rows);
  const curves = "curves" in result ? result.curves : undefined;
  return {
    version,
    metrics: definedMetrics(result.metrics),
    roc: curves ? thin(curves.roc).map(({ x, y }) => ({ x, y })) : undefined,
    pr: curves ? thin(curves.pr).map(({ x, y }) => ({ x, y })) : undefined,
  };
}
