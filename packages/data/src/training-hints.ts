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
}

/** |correlation| with the label per numeric column, on up to 200k sampled rows. */
export async function labelAssociations(file: string, schema: ColumnSchema[], label: string): Promise<LabelAssociation[]> {
  const target = schema.find((s) => s.name === label);
  if (!target) throw invalid("label", `no column "${label}" in this dataset version`);
  const numericLike = (s: ColumnSchema) => isNumeric(s.type) || s.type === "boolean";
  const others = schema.filter((s) => s.name !== label);
  if (!numericLike(target)) return others.map((s) => ({ column: s.name, correlation: null }));
  const candidates = others.filter(numericLike);
  if (!candidates.length) return others.map((s) => ({ column: s.name, correlation: null }));
  const y = `CAST(${ident(label)} AS DOUBLE)`;
  const exprs = candidates.map((s, i) => `corr(CAST(${ident(s.name)} AS DOUBLE), ${y}) AS c${i}`);
  const [row] = await withConnection((c) =>
    queryRows(c, `SELECT ${exprs.join(", ")} FROM (SELECT * FROM read_parquet(${literal(file)}) USING SAMPLE 200000 ROWS)`),
  );
  const byName = new Map(candidates.map((s, i) => [s.name, row?.[`c${i}`] == null ? null : Number(row[`c${i}`])]));
  return others.map((s) => {
    const r = byName.get(s.name);
    return { column: s.name, correlation: r === undefined || r === null || Number.isNaN(r) ? null : r };
  });
}
