// `pnpm bench:data`: the dataset figures of the datasets issue on real data (vega-datasets'
// 3M-row flights file), printed with their targets. No database: this times the data work itself.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildFeatureMatrix, convertToParquet, literal, previewRows, profileParquet, vegaDataFile, withConnection } from "@roundhouse/data";
import { sha256OfFile } from "@roundhouse/store";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-bench-"));
const flights = vegaDataFile("flights-3m.parquet");
const peakRss = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en-US")} rows/s`;
const line = (what: string, value: string, target: string, ok: boolean) =>
  console.log(`${ok ? "ok  " : "MISS"} ${what.padEnd(44)} ${value.padEnd(34)} target ${target}`);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

console.log(`roundhouse bench:data on ${os.cpus().length} cores, node ${process.version}\n`);

// 1. Ingest + profile of the 3M-row Parquet file.
const stored = path.join(dir, "flights.parquet");
const [[converted, profile], ingestMs] = await timed(async () => {
  await sha256OfFile(flights);
  const c = await convertToParquet(flights, stored);
  return [c, await profileParquet(stored, c.schema)] as const;
});
line("ingest + profile, 3M-row Parquet", `${seconds(ingestMs)} s (${rate(converted.rowCount, ingestMs)})`, "< 10 s", ingestMs < 10_000);
console.log(`     (profile alone ${profile.millis} ms for ${profile.columns.length} columns)`);

// 2. Ingest + profile of a 1M-row CSV (written from the same flights).
const csv = path.join(dir, "flights-1m.csv");
await withConnection((c) =>
  c.run(`COPY (SELECT * FROM read_parquet(${literal(flights)}) LIMIT 1000000) TO ${literal(csv)} (FORMAT csv, HEADER)`),
);
const csvParquet = path.join(dir, "flights-1m.parquet");
const [csvRows, csvMs] = await timed(async () => {
  await sha256OfFile(csv);
  const c = await convertToParquet(csv, csvParquet, { originalName: "flights-1m.csv" });
  await profileParquet(csvParquet, c.schema);
  return c.rowCount;
});
line(
  `ingest + profile, 1M-row CSV (${Math.round(fs.statSync(csv).size / 1e6)} MB)`,
  `${seconds(csvMs)} s (${rate(csvRows, csvMs)})`,
  "< 10 s",
  csvMs < 10_000,
);

// 3. Preview pages (first call warms the reader; the figures are the next calls).
await previewRows(stored, converted.schema, converted.rowCount, { offset: 0, limit: 50, order: "asc" });
for (const offset of [0, 2_500_000]) {
  const [page, ms] = await timed(() => previewRows(stored, converted.schema, converted.rowCount, { offset, limit: 50, order: "asc" }));
  line(`preview, 50 rows at row ${offset.toLocaleString("en-US")}`, `${ms.toFixed(1)} ms (${page.rows.length} rows)`, "< 200 ms", ms < 200);
}

// 4. Feature matrix: 3M rows × 5 columns (label + 4 features), random 80/20 split.
const [matrix, fmMs] = await timed(() =>
  buildFeatureMatrix({
    file: stored,
    schema: converted.schema,
    label: "delay",
    labelKind: "numeric",
    features: ["date", "distance", "origin", "destination"],
    holdout: { kind: "random", fraction: 0.2, seed: 42, stratify: false },
  }),
);
line(
  "feature matrix, 3M rows × 5 columns, 80/20",
  `${seconds(fmMs)} s (${matrix.train.rows.toLocaleString("en-US")} / ${matrix.holdout.rows.toLocaleString("en-US")})`,
  "< 5 s",
  fmMs < 5_000,
);
// 5. A wide spreadsheet export: 1,000 columns × 2,000 rows, ; between values, decimal commas in a
// quarter of them; every per-column look of an upload runs at that width.
const wide = path.join(dir, "wide.csv");
const wideLine = (r: number) =>
  Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? `k${r % 3}` : `${(r * i) % 7}${i % 4 === 1 ? ",5" : ""}`)).join(";");
fs.writeFileSync(
  wide,
  `${Array.from({ length: 1000 }, (_, i) => `c${i}`).join(";")}\n${Array.from({ length: 2000 }, (_, r) => wideLine(r)).join("\n")}\n`,
);
const [, wideMs] = await timed(async () => {
  const c = await convertToParquet(wide, path.join(dir, "wide.parquet"), { originalName: "wide.csv" });
  await profileParquet(path.join(dir, "wide.parquet"), c.schema);
});
line("ingest + profile, 1,000 columns × 2,000 rows", `${seconds(wideMs)} s`, "< 10 s", wideMs < 10_000);

console.log(`\npeak memory (RSS high-water mark) of this process: ${Math.round(peakRss())} MB`);
fs.rmSync(dir, { recursive: true, force: true });
