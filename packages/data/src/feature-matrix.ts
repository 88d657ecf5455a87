// Feature matrices for the learning code: typed column arrays split into train and holdout,
// streamed from DuckDB chunk by chunk into preallocated arrays (no row objects), so 3M rows × a
// handful of columns stays a few hundred MB. Missing values become NaN; strings become category
// codes with the category list alongside.
import { type DuckDBDataChunk, LIST, listValue, VARCHAR } from "@duckdb/node-api";
import { type ColumnSchema, type Holdout, type Invalid, MAX_FEATURE_CATEGORIES } from "@roundhouse/contracts";
import { isNumeric, isTemporal } from "./column-types.ts";
import { type DuckConnection, ident, literal, queryRows, withConnection } from "./duckdb.ts";
import { invalid } from "./errors.ts";
import { featureKindOf, featureSql } from "./feature-sql.ts";

export type FeatureArray = Float32Array | Float64Array;

export interface FeatureColumn {
  name: string;
  kind: "numeric" | "categorical";
  /** For categorical columns: code i stands for categories[i]. */
  categories?: string[];
}

export interface LabelColumn {
  name: string;
  kind: "numeric" | "categorical";
  classes?: string[];
}

export interface MatrixPart {
  rows: number;
  /** One array per feature, column-major, in the order of `features`. */
  columns: FeatureArray[];
  label: Float64Array;
}

/** Categories a tree gives a bin of their own (packages/ml binning.ts: 255 bins, one for missing values). */
const CATEGORY_BINS = 254;

export interface FeatureMatrix {
  features: FeatureColumn[];
  label: LabelColumn;
  train: MatrixPart;
  holdout: MatrixPart;
  /** Rows left out because the label was missing (or, for date splits, outside both ranges). */
  skippedRows: number;
  /** Of those, the rows whose label was missing. */
  unlabelledRows: number;
  millis: number;
}

/**
 * What a matrix left out of the dataset's rows, one line each, for the job's log and the CLI: a row
 * without a label can be neither learned from nor scored, and a user counting rows should see why
 * the training and holdout rows do not add up to the dataset's.
 */
export function leftOutRows(matrix: FeatureMatrix): string[] {
  const count = (n: number) => `${n.toLocaleString("en-US")} row${n === 1 ? "" : "s"}`;
  const outside = matrix.skippedRows - matrix.unlabelledRows;
  return [
    ...(matrix.unlabelledRows > 0 ? [`left out ${count(matrix.unlabelledRows)} whose label "${matrix.label.name}" is missing`] : []),
    ...(outside > 0 ? [`left out ${count(outside)} outside the training and holdout date ranges`] : []),
  ];
}

/** One part of a matrix in the shape the learning code takes (packages/ml's Dataset). */
export function matrixPart(matrix: FeatureMatrix, part: MatrixPart) {
  return { rows: part.rows, features: matrix.features, columns: part.columns, label: part.label };
}

/** The task the label implies, unless one was asked for: numbers regress, two classes are binary. */
export function taskOf(matrix: FeatureMatrix, asked?: "binary" | "multiclass" | "regression") {
  if (asked) return asked;
  if (matrix.label.kind === "numeric") return "regression";
  return (matrix.label.classes?.length ?? 0) > 2 ? "multiclass" : "binary";
}

export interface FeatureMatrixRequest {
  file: string;
  schema: ColumnSchema[];
  label: string;
  features: string[];
  holdout: Holdout;
  labelKind?: "numeric" | "categorical";
  precision?: "float32" | "float64";
  /** Rows where this boolean column is true form the holdout, overriding `holdout` (a separate test file). */
  holdoutFlagColumn?: string;
  /** Called after each chunk with rows read so far and the total. */
  onProgress?: (read: number, total: number) => void;
}

export async function buildFeatureMatrix(req: FeatureMatrixRequest): Promise<FeatureMatrix> {
  const started = performance.now();
  const column = (name: string, path: string) => {
    const found = req.schema.find((s) => s.name === name);
    if (!found) throw invalid(path, `There is no column "${name}" in the dataset.`);
    return found;
  };
  const labelColumn = column(req.label, "label");
  const featureColumns = req.features.map((f, i) => column(f, `features.${i}`));
  if (req.features.includes(req.label)) throw invalid("features", `The label "${req.label}" cannot also be a feature.`);
  if (featureColumns.length === 0) throw invalid("features", "Choose at least one feature.");

  return withConnection(async (c) => {
    const from = `read_parquet(${literal(req.file)}, file_row_number=true)`;
    const params: unknown[] = [];
    const types: unknown[] = [];
    // The split comes first: what the model may learn about its features (category lists) is read
    // from the training rows only, so nothing of the holdout leaks into the model file.
    const { flag, where } = req.holdoutFlagColumn
      ? { flag: `coalesce(${ident(req.holdoutFlagColumn)}, false)`, where: "" }
      : splitSql(req.holdout, req.schema, req.label, params, types);
    const [splitParams, splitTypes] = [params.slice(), types.slice()];
    const rowsOf = `(SELECT ${flag} AS __holdout, * FROM ${from} WHERE ${ident(req.label)} IS NOT NULL${where})`;
    const distinctOf = async (name: string, trainOnly: boolean, byFrequency = false) => {
      const source = trainOnly ? `${rowsOf} WHERE NOT __holdout AND` : `${from} WHERE`;
      const order = byFrequency ? "count(*) DESC, 1" : "1";
      const result = await c.runAndReadAll(
        `SELECT ${ident(name)}::VARCHAR AS __value FROM ${source} ${ident(name)} IS NOT NULL GROUP BY 1 ORDER BY ${order} LIMIT ${MAX_FEATURE_CATEGORIES + 1}`,
        (trainOnly ? splitParams : []) as never,
        (trainOnly ? splitTypes : []) as never,
      );
      return result.getRowObjectsJS().map((r) => String(r.__value));
    };

    const features: FeatureColumn[] = [];
    const featureExprs: string[] = [];
    for (const [i, s] of featureColumns.entries()) {
      const kind = featureKindOf(s.type);
      let categories = kind === "categorical" ? await distinctOf(s.name, true) : undefined;
      // More categories than a tree has bins: listed most frequent first, so the rarest share the last
      // bin (packages/ml binning.ts), not those last in alphabetical order.
      if (categories && categories.length > CATEGORY_BINS && categories.length <= MAX_FEATURE_CATEGORIES)
        categories = await distinctOf(s.name, true, true);
      if (categories && categories.length > MAX_FEATURE_CATEGORIES) {
        throw invalid(
          `features.${i}`,
          `Column "${s.name}" has more than ${MAX_FEATURE_CATEGORIES} distinct values; it looks like an ID, not a feature.`,
        );
      }
      const feature: FeatureColumn = categories ? { name: s.name, kind, categories } : { name: s.name, kind };
      features.push(feature);
      // A value the training rows never had is missing to the model (NaN), as it is when serving.
      featureExprs.push(featureSql(feature, s.type, { values: params, types }));
    }

    const labelKind = req.labelKind ?? (await inferLabelKind(labelColumn, (name) => distinctOf(name, false)));
    let label: LabelColumn;
    let labelExpr: string;
    if (labelKind === "numeric") {
      if (!isNumeric(labelColumn.type) && labelColumn.type !== "boolean") {
        throw invalid("label", `The label "${req.label}" is ${labelColumn.type}, not a number: use a classification task.`);
      }
      label = { name: req.label, kind: "numeric" };
      labelExpr = `${ident(req.label)}::DOUBLE`;
    } else {
      const classes = await distinctOf(req.label, false);
      if (classes.length > 1000)
        throw invalid("label", `The label "${req.label}" has more than 1000 distinct values: use a regression task.`);
      label = { name: req.label, kind: "categorical", classes };
      params.push(listValue(classes));
      types.push(LIST(VARCHAR));
      labelExpr = `(list_position($${params.length}, ${ident(req.label)}::VARCHAR) - 1)::DOUBLE`;
    }

    // In file order: DuckDB may hand rows back in any order (window functions of the stratified
    // split reorder them), and row order decides subsampling, so the same data must come in the
    // same order for the same model to come out.
    const select = `SELECT ${flag} AS __holdout, ${labelExpr} AS __label, ${featureExprs.join(", ")} FROM ${from} WHERE ${ident(req.label)} IS NOT NULL${where} ORDER BY file_row_number`;

    const counts = await c.runAndReadAll(
      `SELECT __holdout, count(*)::BIGINT AS n FROM (${select}) GROUP BY 1`,
      params as never,
      types as never,
    );
    const byFlag = new Map(counts.getRowObjectsJS().map((r) => [Boolean(r.__holdout), Number(r.n)]));
    const [trainRows, holdoutRows] = [byFlag.get(false) ?? 0, byFlag.get(true) ?? 0];
    if (trainRows === 0) throw await emptySide(c, req, from, "train");
    if (holdoutRows === 0) throw await emptySide(c, req, from, "holdout");
    const [all] = await queryRows(
      c,
      `SELECT count(*)::BIGINT AS n, count(*) FILTER (WHERE ${ident(req.label)} IS NULL)::BIGINT AS unlabelled FROM ${from}`,
    );
    const [totalRows, unlabelledRows] = [Number(all?.n ?? 0), Number(all?.unlabelled ?? 0)];

    const precision = req.precision ?? "float32";
    const part = (rows: number): MatrixPart => ({
      rows,
      columns: features.map(() => (precision === "float32" ? new Float32Array(rows) : new Float64Array(rows))),
      label: new Float64Array(rows),
    });
    const train = part(trainRows);
    const holdout = part(holdoutRows);
    let [ti, hi] = [0, 0];
    const result = await c.stream(select, params as never, types as never);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const flags = chunk.getColumnVector(0);
      const n = chunk.rowCount;
      const target = new Int32Array(n); // row index within its part, or -1 - index for holdout
      for (let r = 0; r < n; r++) target[r] = flags.getItem(r) ? -1 - hi++ : ti++;
      fill(chunk, 1, n, target, train.label, holdout.label);
      for (let f = 0; f < features.length; f++)
        fill(chunk, f + 2, n, target, train.columns[f] as FeatureArray, holdout.columns[f] as FeatureArray);
      req.onProgress?.(ti + hi, trainRows + holdoutRows);
    }
    return {
      features,
      label,
      train,
      holdout,
      skippedRows: totalRows - trainRows - holdoutRows,
      unlabelledRows,
      millis: Math.round(performance.now() - started),
    };
  });
}

function fill(
  chunk: DuckDBDataChunk,
  column: number,
  n: number,
  target: Int32Array,
  train: FeatureArray | Float64Array,
  holdout: FeatureArray | Float64Array,
) {
  const vector = chunk.getColumnVector(column);
  for (let r = 0; r < n; r++) {
    const v = vector.getItem(r) as number | null;
    const t = target[r] as number;
    if (t >= 0) train[t] = v ?? Number.NaN;
    else holdout[-1 - t] = v ?? Number.NaN;
  }
}

/** Text and booleans are classes; integers are classes when there are few of them (0/1, 1-5 stars). */
async function inferLabelKind(s: ColumnSchema, distinctOf: (name: string) => Promise<string[]>): Promise<"numeric" | "categorical"> {
  if (s.type === "string" || s.type === "boolean") return "categorical";
  if (s.type === "integer") return (await distinctOf(s.name)).length <= 20 ? "categorical" : "numeric";
  // Whole numbers written as decimals ("1.0", "0.0": pandas writes a 0/1 column with a missing value
  // in it so) are classes as integers are; a churn label was once fitted as a regression.
  if (s.type === "float") {
    const values = await distinctOf(s.name);
    return values.length <= 20 && values.every((v) => Number.isInteger(Number(v))) ? "categorical" : "numeric";
  }
  return "numeric";
}

/** SQL for the holdout flag and any row filter, from the split definition. */
function splitSql(h: Holdout, schema: ColumnSchema[], label: string, params: unknown[], types: unknown[]) {
  if (h.kind === "random") {
    params.push(h.seed);
    types.push(undefined);
    const key = `hash(file_row_number + $${params.length}::BIGINT)`;
    if (h.stratify) {
      // Within each class, the first fraction of rows in hash order: class balance kept exactly.
      const flag = `(row_number() OVER (PARTITION BY ${ident(label)} ORDER BY ${key}) <= round(${h.fraction} * count(*) OVER (PARTITION BY ${ident(label)})))`;
      return { flag, where: "" };
    }
    return { flag: `((${key} % 1000000) < ${Math.round(h.fraction * 1_000_000)})`, where: "" };
  }
  const column = schema.find((s) => s.name === h.column);
  if (!column) throw invalid("holdout.column", `There is no column "${h.column}" to split on.`);
  if (!isTemporal(column.type)) throw invalid("holdout.column", `Column "${h.column}" is ${column.type}, not a date or timestamp.`);
  const [tf, tt, hf, ht] = [h.train.from, h.train.to, h.holdout.from, h.holdout.to].map((d) => Date.parse(d));
  if ([tf, tt, hf, ht].some((t) => Number.isNaN(t))) throw invalid("holdout", "Date ranges need ISO dates such as 2001-05-01.");
  if ((tf as number) >= (tt as number) || (hf as number) >= (ht as number))
    throw invalid("holdout", "Each date range must end after it starts.");
  if ((tf as number) < (ht as number) && (hf as number) < (tt as number))
    throw invalid("holdout", "The train and holdout date ranges overlap.");
  const ts = (d: string) => {
    params.push(d);
    types.push(undefined);
    return `$${params.length}::TIMESTAMP`;
  };
  const c = `${ident(h.column)}::TIMESTAMP`;
  const inHoldout = `(${c} >= ${ts(h.holdout.from)} AND ${c} < ${ts(h.holdout.to)})`;
  const inTrain = `(${c} >= ${ts(h.train.from)} AND ${c} < ${ts(h.train.to)})`;
  return { flag: inHoldout, where: ` AND (${inHoldout} OR ${inTrain})` };
}

/**
 * Why one side of the split has no row, in the spec's terms: a date range is named with the dates
 * the labelled rows have (a holdout of 2025 on data that ends in 2024 said only "the holdout is empty").
 */
async function emptySide(c: DuckConnection, req: FeatureMatrixRequest, from: string, side: "train" | "holdout"): Promise<Invalid> {
  const h = req.holdout;
  if (h.kind !== "dateRange" || req.holdoutFlagColumn)
    return invalid("holdout", side === "train" ? "The split leaves no rows to train on." : "The split leaves the holdout empty.");
  const [span] = await queryRows(
    c,
    `SELECT min(${ident(h.column)})::VARCHAR AS first, max(${ident(h.column)})::VARCHAR AS last FROM ${from} WHERE ${ident(req.label)} IS NOT NULL`,
  );
  const range = h[side];
  const dates =
    span?.first == null
      ? `no labelled row has a "${h.column}"`
      : `the labelled rows' "${h.column}" runs from ${span.first} to ${span.last}`;
  return invalid(
    `holdout.${side}`,
    `No labelled row falls in the ${side === "train" ? "training" : "holdout"} dates [${range.from}, ${range.to}): ${dates}.`,
  );
}
