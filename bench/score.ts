// `pnpm bench:score`: batch scoring as a scoring job does it (packages/data scoring.ts with the
// batch scorer), on vega-datasets' 3M-row flights file: a 200-tree depth-6 GBDT (trained here on
// 200,000 of the rows) scores all 3M rows, streamed in chunks, written with two id columns as
// Parquet; then the profile and hash the output's registration adds. Prints rows/s and peak memory.
// Target (issue 19): 3M rows × 200 trees in under 30 s on this machine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  buildFeatureMatrix,
  convertToParquet,
  literal,
  profileParquet,
  queryRows,
  scoreParquet,
  toColumnSchema,
  vegaDataFile,
  withConnection,
} from "@roundhouse/data";
import { trainModel } from "@roundhouse/ml";
import { predictStored } from "@roundhouse/serving";
import { sha256OfFile } from "@roundhouse/store";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-bench-score-"));
const peakRss = () => Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024);
const secs = (ms: number) => (ms / 1000).toFixed(2);
const TARGET_SECONDS = 30;

try {
  console.log(`roundhouse bench:score on ${os.cpus().length} cores, node ${process.version}\n`);
  const withLabel = path.join(dir, "flights.parquet");
  await withConnection((c) =>
    c.run(
      `COPY (SELECT row_number() OVER () AS flight_id, date, hour(date) AS hour, dayofweek(date) AS weekday, dayofyear(date) AS day,
                    distance, origin, destination, delay > 15 AS delayed
             FROM read_parquet(${literal(vegaDataFile("flights-3m.parquet"))})) TO ${literal(withLabel)} (FORMAT parquet)`,
    ),
  );
  const input = path.join(dir, "stored.parquet");
  const converted = await convertToParquet(withLabel, input);
  const matrix = await buildFeatureMatrix({
    file: input,
    schema: converted.schema,
    label: "delayed",
    features: ["hour", "weekday", "day", "distance", "origin", "destination"],
    holdout: { kind: "random", fraction: 0.2, seed: 42, stratify: false },
  });
  const n = Math.min(200_000, matrix.train.rows);
  const t0 = performance.now();
  const model = trainModel(
    "gbdt",
    "binary",
    {
      rows: n,
      features: matrix.features,
      columns: matrix.train.columns.map((c) => c.subarray(0, n)),
      label: matrix.train.label.subarray(0, n),
    },
    { numTrees: 200, maxDepth: 6, threads: os.availableParallelism() },
  );
  console.log(`trained the 200-tree depth-6 GBDT on ${n.toLocaleString("en-US")} rows in ${secs(performance.now() - t0)} s`);

  const out = path.join(dir, "scores.parquet");
  const t1 = performance.now();
  let lastReport = 0;
  const { rows } = await scoreParquet({
    input,
    schema: converted.schema,
    features: model.features,
    idColumns: ["flight_id", "date"],
    classes: matrix.label.classes,
    outputs: model.outputs,
    predict: (columns, count) => predictStored(model, columns, count),
    out,
    onProgress: (done, total) => {
      if (performance.now() - lastReport < 2000) return;
      lastReport = performance.now();
      console.log(`  scored ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows`);
    },
  });
  const scoreMs = performance.now() - t1;
  const t2 = performance.now();
  const outSchema = await withConnection(async (c) =>
    toColumnSchema(await queryRows(c, `DESCRIBE SELECT * FROM read_parquet(${literal(out)})`)),
  );
  await profileParquet(out, outSchema);
  await sha256OfFile(out);
  const registerMs = performance.now() - t2;
  const total = scoreMs + registerMs;

  console.log(`\n| step | seconds | rows/s |`);
  console.log(`|---|---:|---:|`);
  console.log(
    `| stream, score and write ${rows.toLocaleString("en-US")} rows | ${secs(scoreMs)} | ${Math.round(rows / (scoreMs / 1000)).toLocaleString("en-US")} |`,
  );
  console.log(`| profile and hash the output (registration) | ${secs(registerMs)} | |`);
  console.log(`| total | ${secs(total)} | ${Math.round(rows / (total / 1000)).toLocaleString("en-US")} |`);
  console.log(`\noutput columns: ${outSchema.map((c) => c.name).join(", ")}; ${(fs.statSync(out).size / 1024 ** 2).toFixed(1)} MB`);
  console.log(`peak memory (RSS): ${peakRss()} MB`);
  console.log(`target: 3M rows × 200 trees < ${TARGET_SECONDS} s → ${total / 1000 < TARGET_SECONDS ? "met" : "NOT met"}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
