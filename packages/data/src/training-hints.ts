// What the training wizard shows before anything is queued: rows per day of a date column (to pick
// date-range holdouts on a chart) and how strongly each column tracks the label (to warn about
// features that leak it, like an arrival delay next to a "delayed" label).
import type { ColumnSchema } from "@roundhouse/contracts";
import { isNumeric, isTemporal } from "./column-types.ts";
import { ident, literal, queryRows, withConnection } from "./duckdb.ts";
import { invalid } from "./errors.ts";

export interface DayCount {
  day: string;
  rows: number;
}

/** Rows per calendar day of a date or timestamp column, oldest first. */
export async function rowsPerDay(file: string, schema: ColumnSchema[], column: string): Promise<DayCount[]> {
  const col = schema.find((s) => s.name === column);
  if (!col) throw invalid("column", `no column "${column}" in this dataset version`);
  if (!isTemporal(col.type)) throw invalid("column", `"${column}" is ${col.type}, not a date`);
  return withConnection(async (c) => {
    const rows = await queryRows(
      c,
      `SELECT strftime(CAST(${ident(column)} AS DATE), '%Y-%m-%d') AS day, count(*)::BIGINT AS n
         FROM read_parquet(${literal(file)}) WHERE ${ident(column)} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    return rows.map((r) => ({ day: String(r.day), rows: Number(r.n) }));
  });
}

export interface LabelAssociation {
  column: string;
  /** Pearson correlation with the label (numbers and booleans against a numeric or boolean label). */
  correlation: number | null;
  /** For a 0/1 label: the column's AUC on its own (1 or 0 means it separates the classes by itself). */
  auc: number | null;
}

const SAMPLE = 200_000;

/**
 * How each numeric column alone tracks the label, on up to 200k sampled rows: correlation, and for
 * a 0/1 label the single-column AUC from average ranks (a column that sorts the classes apart is
 * almost always the label in disguise).
 */
export async function labelAssociations(file: string, schema: ColumnSchema[], label: string): Promise<LabelAssociation[]> {
  const target = schema.find((s) => s.name === label);
  if (!target) throw invalid("label", `no column "${label}" in this dataset version`);
  const numericLike = (s: ColumnSchema) => isNumeric(s.type) || s.type === "boolean";
  const others = schema.filter((s) => s.name !== label);
  const none = (s: ColumnSchema) => ({ column: s.name, correlation: null, auc: null });
  const candidates = others.filter(numericLike);
  if (!candidates.length || !(numericLike(target) || target.type === "string")) return others.map(none);
  const sample = `(SELECT * FROM read_parquet(${literal(file)}) WHERE ${ident(label)} IS NOT NULL USING SAMPLE ${SAMPLE} ROWS)`;
  return withConnection(async (c) => {
    let y = `CAST(${ident(label)} AS DOUBLE)`;
    if (!numericLike(target)) {
      // A two-valued text label ("Yes"/"No") is 0/1 with the later value as 1, as training sees it.
      const values = await queryRows(
        c,
        `SELECT DISTINCT ${ident(label)} AS v FROM read_parquet(${literal(file)}) WHERE ${ident(label)} IS NOT NULL ORDER BY 1 LIMIT 3`,
      );
      if (values.length !== 2) return others.map(none);
      y = `CAST(${ident(label)} = ${literal(String(values[1]?.v))} AS DOUBLE)`;
    }
    await c.run(`CREATE OR REPLACE TEMP TABLE label_sample AS SELECT * FROM ${sample}`);
    const [stats] = await queryRows(
      c,
      `SELECT count(DISTINCT ${y}) AS classes, min(${y}) AS lo, max(${y}) AS hi, ${candidates
        .map((s, i) => `corr(CAST(${ident(s.name)} AS DOUBLE), ${y}) AS c${i}`)
        .join(", ")} FROM label_sample`,
    );
    const binary = Number(stats?.classes) === 2 && Number(stats?.lo) === 0 && Number(stats?.hi) === 1;
    const aucs = new Map<string, number | null>();
    if (binary) {
      for (const s of candidates) {
        const x = `CAST(${ident(s.name)} AS DOUBLE)`;
        // Average rank of tied values, so ties count half as in scikit-learn's roc_auc_score.
        const [r] = await queryRows(
          c,
          `WITH ranked AS (
             SELECT ${y} AS y, rank() OVER (ORDER BY ${x}) + (count(*) OVER (PARTITION BY ${x}) - 1) / 2.0 AS r
             FROM label_sample WHERE ${x} IS NOT NULL)
           SELECT sum(r) FILTER (WHERE y = 1) AS rank_sum, count(*) FILTER (WHERE y = 1) AS pos, count(*) FILTER (WHERE y = 0) AS neg FROM ranked`,
        );
        const pos = Number(r?.pos);
        const neg = Number(r?.neg);
        aucs.set(s.name, pos && neg ? (Number(r?.rank_sum) - (pos * (pos + 1)) / 2) / (pos * neg) : null);
      }
    }
    await c.run("DROP TABLE IF EXISTS label_sample");
    const index = new Map(candidates.map((s, i) => [s.name, i]));
    return others.map((s) => {
      const i = index.get(s.name);
      if (i === undefined) return none(s);
      const r = stats?.[`c${i}`];
      const correlation = r === null || r === undefined || Number.isNaN(Number(r)) ? null : Number(r);
      return { column: s.name, correlation, auc: aucs.get(s.name) ?? null };
    });
  });
}
