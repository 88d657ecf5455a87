// The feature matrix a training spec describes: its dataset version, its row filters, its label and
// features, split by its holdout. The worker trains on it; a promotion's champion/challenger
// comparison scores both models on the holdout of the same matrix.

import path from "node:path";
import type { TrainingSpec } from "@roundhouse/contracts";
import type { Db } from "@roundhouse/db";
import { localFileOf } from "@roundhouse/store";
import { buildDeriveQuery } from "./derive.ts";
import { literal, withConnection } from "./duckdb.ts";
import { buildFeatureMatrix, type FeatureMatrix } from "./feature-matrix.ts";
import { type ResolvedTrainingData, resolveTrainingData } from "./training-data.ts";

export interface TrainingMatrixOptions {
  /** Where a filtered copy of the data may be written; the caller removes it. */
  tmpDir: string;
  /** Columns to load instead of the spec's features (the comparison loads both models' features). */
  features?: string[];
  onProgress?: (read: number, total: number) => void;
}

export async function loadTrainingMatrix(
  db: Db,
  spec: TrainingSpec,
  opts: TrainingMatrixOptions,
): Promise<{ data: ResolvedTrainingData; matrix: FeatureMatrix }> {
  const data = await resolveTrainingData(db, spec);
  const stored = await localFileOf(data.storagePath);
  let file = stored;
  if (spec.data.filters.length) {
    file = path.join(opts.tmpDir, "filtered.parquet");
    const q = buildDeriveQuery(
      { base: data.datasetVersionId, joins: [], filters: spec.data.filters },
      new Map([[data.datasetVersionId, { id: data.datasetVersionId, datasetName: "data", path: stored, schema: data.schema }]]),
    );
    await withConnection((c) => c.run(`COPY (${q.sql}) TO ${literal(file)} (FORMAT parquet)`, q.params as never));
  }
  const labelKind = spec.train.task
    ? spec.train.task === "regression"
      ? "numeric"
      : "categorical"
    : spec.train.algorithm === "linear_regression"
      ? "numeric"
      : undefined;
  const matrix = await buildFeatureMatrix({
    file,
    schema: data.schema,
    label: spec.data.label,
    features: opts.features ?? data.features,
    holdout: spec.data.holdout,
    labelKind,
    onProgress: opts.onProgress,
  });
  return { data, matrix };
}
