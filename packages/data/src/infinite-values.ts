// pandas writes a division by zero as "inf" or "-inf" (R as "Inf"), and DuckDB's CSV reader takes
// neither for a number: such a column of ratios was stored as text, a category per value, without a
// word. A stored text column whose every value is a number, some of them infinite, is read as numbers
// with the infinities missing (no split or coefficient learns from an infinity, and serving refuses
// one), and the upload says how many there were.
import type { ColumnSchema } from "@roundhouse/contracts";
import { type ColumnRereads, NO_REREADS } from "./column-rereads.ts";
import { type DuckConnection, ident, queryRows } from "./duckdb.ts";

/** The text columns of `stored` (its `schema`) of numbers and infinities; `forced` (the upload's types) are left as they are. */
export async function infiniteValues(c: DuckConnection, stored: string, schema: ColumnSchema[], forced: string[]): Promise<ColumnRereads> {
  const open = schema.filter((s) => s.type === "string" && !forced.includes(s.name)).map((s) => s.name);
  if (open.length === 0) return NO_REREADS;
  // A cheap look first (0.1 s on 500 text columns; the counts below on all of them took 0.45 s).
  const looks = open.map((name, i) => `bool_or(contains(lower(${ident(name)}), 'inf')) AS t${i}`);
  const [looked] = await queryRows(c, `SELECT ${looks.join(", ")} FROM ${stored}`);
  const text = open.filter((_, i) => looked?.[`t${i}`] === true);
  if (text.length === 0) return NO_REREADS;
  const number = (name: string) => `TRY_CAST(${ident(name)} AS DOUBLE)`;
  // CASE rather than FILTER: many columns' FILTERs make DuckDB slow (see mostlyNumericText).
  const parts = text.flatMap((name, i) => [
    `count(${ident(name)}) AS n${i}`,
    `count(${number(name)}) AS num${i}`,
    `sum(CASE WHEN isinf(${number(name)}) THEN 1 ELSE 0 END) AS inf${i}`,
    `min(CASE WHEN isinf(${number(name)}) THEN ${ident(name)} END) AS example${i}`,
  ]);
  const [row] = await queryRows(c, `SELECT ${parts.join(", ")} FROM ${stored}`);
  const found = text
    .map((name, i) => ({
      name,
      n: Number(row?.[`n${i}`] ?? 0),
      num: Number(row?.[`num${i}`] ?? 0),
      inf: Number(row?.[`inf${i}`] ?? 0),
      example: String(row?.[`example${i}`] ?? ""),
    }))
    .filter((f) => f.inf > 0 && f.num === f.n);
  if (found.length === 0) return NO_REREADS;
  return {
    columns: found.map((f) => f.name),
    notes: found.map(
      (f) =>
        `Read "${f.name}" as numbers, with its ${f.inf} infinite value(s) ("${f.example.trim()}") as missing: pandas writes a division by zero so, and a model cannot learn from an infinity.`,
    ),
    replaced: found.map(
      (f) =>
        `CASE WHEN isinf(TRY_CAST(p.${ident(f.name)} AS DOUBLE)) THEN NULL ELSE TRY_CAST(p.${ident(f.name)} AS DOUBLE) END AS ${ident(f.name)}`,
    ),
    join: "",
  };
}
