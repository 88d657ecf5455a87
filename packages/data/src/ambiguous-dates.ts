// Dates such as 03/04/2024 are 3 April to a European and March 4 to an American. DuckDB reads a
// column of them one way or the other, from the values: a 15/04/2024 among them settles it, but
// when every day and month is 12 or less either reading fits, and the file was read as a guess
// (3 April, without a word). The upload then says which reading it took and how to ask for the other.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { ColumnSchema } from "@roundhouse/contracts";
import { ident, literal, queryRows } from "./duckdb.ts";

/** A date written with its day and month as the first two numbers, in either order. */
const DAY_MONTH = String.raw`^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{2,4}`;

/**
 * One warning per date or timestamp column whose values were all written as nn/nn/yyyy (or with
 * dots or dashes) with both numbers 12 or less: `text` is the file read as text, `file` the stored
 * Parquet, in the same row order. The upload's `dateFormat` settles date columns, not timestamps
 * (DuckDB reads those with a format of their own), so with one only timestamp columns are checked.
 * `said` are the columns spreadsheet-timestamps.ts read, which said how.
 */
export async function ambiguousDates(
  c: DuckDBConnection,
  text: string,
  file: string,
  schema: ColumnSchema[],
  dateFormat?: string,
  said: string[] = [],
): Promise<string[]> {
  const dates = schema.filter((s) => ((s.type === "date" && !dateFormat) || s.type === "timestamp") && !said.includes(s.name));
  if (dates.length === 0) return [];
  // The first (n = 1) or second number of a value written so, as an integer.
  const part = (value: string, n: number) => `TRY_CAST(regexp_extract(${value}, ${literal(DAY_MONTH)}, ${n}) AS INTEGER)`;
  const counts = dates.flatMap((s, i) => [
    `count(*) FILTER (WHERE regexp_matches(${ident(s.name)}, ${literal(DAY_MONTH)})) AS written${i}`,
    `count(*) FILTER (WHERE ${part(ident(s.name), 1)} > 12 OR ${part(ident(s.name), 2)} > 12) AS settled${i}`,
  ]);
  const [row] = await queryRows(c, `SELECT ${counts.join(", ")} FROM ${text}`);
  const guessed = dates.filter((_, i) => Number(row?.[`written${i}`] ?? 0) > 0 && Number(row?.[`settled${i}`] ?? 0) === 0);
  const warnings: string[] = [];
  for (const s of guessed) {
    // A value whose day and month differ shows which reading was taken.
    const [example] = await queryRows(
      c,
      `SELECT t.v AS written, strftime(p.v, '%Y-%m-%d') AS stored
       FROM (SELECT ${ident(s.name)} AS v FROM ${text}) t POSITIONAL JOIN (SELECT ${ident(s.name)} AS v FROM read_parquet(${literal(file)})) p
       WHERE ${part("t.v", 1)} <> ${part("t.v", 2)} AND p.v IS NOT NULL LIMIT 1`,
    );
    if (!example) continue;
    const written = String(example.written).trim();
    const [first, second, year = ""] = written.split(/[/.\-\s]/);
    const stored = String(example.stored);
    const [day, month] = [Number(stored.slice(8, 10)), Number(stored.slice(5, 7))];
    const separator = written.match(/[/.-]/)?.[0] ?? "/";
    const y = year.length === 2 ? "%y" : "%Y";
    const dmy = ["%d", "%m", y].join(separator);
    const mdy = ["%m", "%d", y].join(separator);
    const read =
      day === Number(first) && month === Number(second)
        ? { as: "day/month/year", other: `month/day/year, upload it again with dateFormat "${mdy}"` }
        : month === Number(first) && day === Number(second)
          ? { as: "month/day/year", other: `day/month/year, upload it again with dateFormat "${dmy}"` }
          : { as: "neither", other: `day/month/year or month/day/year, upload it again with dateFormat "${dmy}" or "${mdy}"` };
    const remedy =
      s.type === "timestamp"
        ? "If the file means otherwise, write its dates year first (2024-03-04 10:00): a date format is for dates without a time."
        : `If the file means ${read.other} (Dates in the upload dialog, --date-format on the CLI).`;
    warnings.push(
      `Column "${s.name}": every date in it reads as day/month/year and as month/day/year; ` +
        `it was read ${read.as === "neither" ? "in another order" : `as ${read.as}`} ("${written}" as ${stored}). ${remedy}`,
    );
  }
  return warnings;
}
