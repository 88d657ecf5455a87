// Batch scoring's data work: a dataset version's rows streamed as a model's feature columns (the
// encodings training used, from feature-sql.ts), chunk by chunk in file order, and the scores
// written back as Parquet next to the input's id columns. The model itself is the caller's:
// `predict` gets column-major features and gives values per row.
import { type DuckDBConnection, LIST, listValue, VARCHAR } from "@duckdb/node-api";
import type { ColumnSchema } from "@roundhouse/contracts";
import { ident, literal, withConnection } from "./duckdb.ts";
import { invalid } from "./errors.ts";
import { featureSql } from "./feature-sql.ts";

export interface ScoringFeature {
  name: string;
  kind: "numeric" | "categorical";
  /** For categorical features: code i stands for categories[i] (the model's list, not the input's). */
  categories?: string[];
}

export interface ScoreParquetRequest {
  input: string;
  schema: ColumnSchema[];
  features: ScoringFeature[];
  idColumns: string[];
  /** Class names for classification (the prediction column holds the likeliest); none for regression. */
  classes?: string[];
  /** Values per row `predict` gives: 1 (regression; binary: the second class's probability) or one per class. */
  outputs: number;
  predict: (columns: Float64Array[], rows: number) => Promise<Float64Array>;
  out: string;
  /** Rows per call of `predict` (default 65,536). */
  chunkRows?: number;
  onProgress?: (scored: number, total: number) => void;
}

/** The columns a scored version has besides the id columns: prediction, then a probability per class. */
export function scoreColumns(classes: string[] | undefined): string[] {
  return ["prediction", ...(classes ?? []).map((c) => `probability_${c}`)];
}

/** Problems with scoring `schema`'s rows: features it lacks, id columns it lacks or that clash with score columns. */
export function scoringProblems(schema: ColumnSchema[], features: string[], idColumns: string[], classes?: string[]) {
  const have = new Set(schema.map((c) => c.name));
  const scores = new Set(scoreColumns(classes));
  const problems: { path: string; message: string }[] = [];
  const missing = features.filter((f) => !have.has(f));
  if (missing.length)
    problems.push({ path: "dataset", message: `the input lacks the model's feature(s) ${missing.map((m) => `"${m}"`).join(", ")}` });
  idColumns.forEach((c, i) => {
    if (!have.has(c)) problems.push({ path: `idColumns.${i}`, message: `the input has no column "${c}"` });
    else if (scores.has(c)) problems.push({ path: `idColumns.${i}`, message: `"${c}" is the name of a score column; rename it first` });
  });
  if (new Set(idColumns).size !== idColumns.length) problems.push({ path: "idColumns", message: "a column is named twice" });
  return problems;
}

export async function scoreParquet(req: ScoreParquetRequest): Promise<{ rows: number }> {
  const problems = scoringProblems(
    req.schema,
    req.features.map((f) => f.name),
    req.idColumns,
    req.classes,
  );
  if (problems.length) throw invalid(problems[0]?.path ?? "dataset", problems.map((p) => p.message).join("; "));
  const table = `scores_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const K = req.classes?.length ?? 0;
  return withConnection(async (c) => {
    await c.run(
      `CREATE TABLE ${table} (prediction ${K ? "INTEGER" : "DOUBLE"}${Array.from({ length: K }, (_, k) => `, p${k} DOUBLE`).join("")})`,
    );
    try {
      const rows = await withConnection((reader) => streamScores(reader, c, table, req));
      await writeOutput(c, table, req);
      return { rows };
    } finally {
      await c.run(`DROP TABLE IF EXISTS ${table}`);
    }
  });
}

async function streamScores(reader: DuckDBConnection, writer: DuckDBConnection, table: string, req: ScoreParquetRequest) {
  const { features } = req;
  const byName = new Map(req.schema.map((s) => [s.name, s]));
  const params: unknown[] = [];
  const types: unknown[] = [];
  const exprs = features.map((f) => featureSql(f, (byName.get(f.name) as ColumnSchema).type, { values: params, types }));
  const from = `read_parquet(${literal(req.input)})`;
  const total = Number(((await reader.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${from}`)).getRowObjectsJS()[0]?.n as bigint) ?? 0);
  const result = await reader.stream(`SELECT ${exprs.join(", ") || "1"} FROM ${from}`, params as never, types as never);
  const size = req.chunkRows ?? 65_536;
  // Refilled after each flush: `predict` has given its answer by then and keeps no reference.
  const buffer = features.map(() => new Float64Array(size));
  let filled = 0;
  let scored = 0;
  const appender = await writer.createAppender(table);
  const flush = async () => {
    if (filled === 0) return;
    const values = await req.predict(
      buffer.map((b) => b.subarray(0, filled)),
      filled,
    );
    appendScores(appender, values, filled, req.outputs, req.classes?.length ?? 0);
    scored += filled;
    filled = 0;
    req.onProgress?.(scored, total);
  };
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const n = chunk.rowCount;
    for (let start = 0; start < n; ) {
      const take = Math.min(n - start, size - filled);
      for (let f = 0; f < features.length; f++) {
        const vector = chunk.getColumnVector(f);
        const target = buffer[f] as Float64Array;
        for (let r = 0; r < take; r++) target[filled + r] = (vector.getItem(start + r) as number | null) ?? Number.NaN;
      }
      filled += take;
      start += take;
      if (filled === size) await flush();
    }
  }
  await flush();
  appender.flushSync();
  appender.closeSync();
  return scored;
}

/** One row per prediction: the class code and each class's probability, or the regression value. */
function appendScores(
  appender: Awaited<ReturnType<DuckDBConnection["createAppender"]>>,
  values: Float64Array,
  rows: number,
  outputs: number,
  K: number,
) {
  const probabilities = new Float64Array(Math.max(K, 1));
  for (let i = 0; i < rows; i++) {
    if (K === 0) {
      appendMaybe(appender, values[i] as number);
      appender.endRow();
      continue;
    }
    if (outputs === 1) {
      const p = values[i] as number;
      probabilities[0] = 1 - p;
      probabilities[1] = p;
    } else for (let k = 0; k < K; k++) probabilities[k] = values[i * outputs + k] as number;
    let best = 0;
    for (let k = 1; k < K; k++) if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
    appender.appendInteger(best);
    for (let k = 0; k < K; k++) appendMaybe(appender, probabilities[k] as number);
    appender.endRow();
  }
}

const appendMaybe = (appender: Awaited<ReturnType<DuckDBConnection["createAppender"]>>, v: number) =>
  Number.isFinite(v) ? appender.appendDouble(v) : appender.appendNull();

/** The input's id columns beside the scores, row for row (a positional join keeps file order). */
async function writeOutput(c: DuckDBConnection, table: string, req: ScoreParquetRequest) {
  const classes = req.classes ?? [];
  const scoreExprs = classes.length
    ? [`list_extract($1, s.prediction + 1) AS prediction`, ...classes.map((name, k) => `s.p${k} AS ${ident(`probability_${name}`)}`)]
    : ["s.prediction AS prediction"];
  const ids = req.idColumns.map((col) => `i.${ident(col)}`);
  const select = `SELECT ${[...ids, ...scoreExprs].join(", ")} FROM (SELECT ${req.idColumns.length ? req.idColumns.map(ident).join(", ") : "1 AS __row"} FROM read_parquet(${literal(req.input)})) i POSITIONAL JOIN ${table} s`;
  await c.run(
    `COPY (${select}) TO ${literal(req.out)} (FORMAT parquet, COMPRESSION zstd)`,
    (classes.length ? [listValue(classes)] : []) as never,
    (classes.length ? [LIST(VARCHAR)] : []) as never,
  );
}
