// Reads the files given to `roundhouse fit` (CSV or Parquet, anything the platform ingests) into a
// feature matrix, without a server: the same DuckDB code the platform uses, in a temporary folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ColumnSchema } from "@roundhouse/contracts";
import {
  buildFeatureMatrix,
  convertToParquet,
  type FeatureMatrix,
  ident,
  literal,
  queryRows,
  toColumnSchema,
  withConnection,
} from "@roundhouse/data";

export interface LocalSplit {
  matrix: FeatureMatrix;
  schema: ColumnSchema[];
}

export async function loadForFit(opts: {
  train: string;
  test?: string;
  holdout: number;
  seed: number;
  label: string;
  labelKind?: "numeric" | "categorical";
}): Promise<LocalSplit> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-fit-"));
  try {
    const trainParquet = path.join(dir, "train.parquet");
    const train = await convertToParquet(path.resolve(opts.train), trainParquet, { originalName: path.basename(opts.train) });
    if (!train.schema.some((s) => s.name === opts.label)) {
      throw new Error(
        `There is no column "${opts.label}" in ${opts.train}; its columns are ${train.schema.map((s) => s.name).join(", ")}.`,
      );
    }
    const features = train.schema.filter((s) => s.name !== opts.label).map((s) => s.name);
    if (!opts.test) {
      const matrix = await buildFeatureMatrix({
        file: trainParquet,
        schema: train.schema,
        label: opts.label,
        features,
        labelKind: opts.labelKind,
        holdout: { kind: "random", fraction: opts.holdout, seed: opts.seed, stratify: false },
      });
      return { matrix, schema: train.schema };
    }
    // A separate test file: both files in one table with a flag, so categories and classes are
    // coded the same way in both.
    const testParquet = path.join(dir, "test.parquet");
    await convertToParquet(path.resolve(opts.test), testParquet, { originalName: path.basename(opts.test) });
    const both = path.join(dir, "both.parquet");
    await withConnection((c) =>
      c.run(
        `COPY (SELECT *, false AS __holdout_flag FROM read_parquet(${literal(trainParquet)})
               UNION ALL BY NAME SELECT *, true AS __holdout_flag FROM read_parquet(${literal(testParquet)}))
         TO ${literal(both)} (FORMAT parquet)`,
      ),
    );
    const schema = await withConnection(async (c) =>
      toColumnSchema(await queryRows(c, `DESCRIBE SELECT * EXCLUDE (${ident("__holdout_flag")}) FROM read_parquet(${literal(both)})`)),
    );
    const matrix = await buildFeatureMatrix({
      file: both,
      schema: [...schema, { name: "__holdout_flag", type: "boolean", storageType: "BOOLEAN", nullable: false }],
      label: opts.label,
      features,
      labelKind: opts.labelKind,
      holdout: { kind: "random", fraction: 0.5, seed: 0, stratify: false },
      holdoutFlagColumn: "__holdout_flag",
    });
    return { matrix, schema };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
