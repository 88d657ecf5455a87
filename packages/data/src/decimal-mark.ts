// Numbers written with a decimal comma ("1,28"), as spreadsheets in much of Europe save them, with a
// semicolon or a tab between values. Read with a decimal point they are text, and a price becomes a
// category of hundreds of levels that no new row matches. Unless the upload says which mark it
// uses, a file whose delimiter is not a comma is looked at first: a column of decimal-comma numbers,
// and none of decimal-point ones, has it read with a comma, and the upload says so.
import type { DecimalMark } from "@roundhouse/contracts";
import { type DuckConnection, ident, queryRows } from "./duckdb.ts";

/** Rows looked at: enough to tell, and a multi-gigabyte file is not read twice in full. */
const SAMPLE_ROWS = 100_000;
/** A value's sort: a number with a decimal mark (group m), an integer or nothing, or other text (group o). */
const NUMBER_SORT = "'^(?:[+-]?[0-9]*([.,])[0-9]+|[+-]?[0-9]*|(.+))$'";
// The sorts' bits, gathered per column with bit_or.
const [COMMA, POINT, OTHER] = [1, 2, 4];

export interface DecimalChoice {
  mark: DecimalMark;
  /** What the upload should say about it (a column read as numbers, or left as text). */
  notes: string[];
}

/**
 * `reader` reads the file with every column as text (DuckDB's `all_varchar`) and the upload's null
 * markers; `given` is the upload's own choice, which is taken as it is.
 */
export async function decimalMarkOf(
  c: DuckConnection,
  reader: string,
  delimiter: string,
  given: DecimalMark | undefined,
): Promise<DecimalChoice> {
  if (given) return { mark: given, notes: [] };
  // A decimal comma inside a comma-separated file needs quotes: rare enough not to read the file for.
  if (delimiter === ",") return { mark: ".", notes: [] };
  const { comma, point } = await numberColumns(c, reader);
  if (comma.length === 0) return { mark: ".", notes: [] };
  const named = (columns: string[]) => columns.map((c) => `"${c}"`).join(", ");
  if (point.length > 0) {
    return {
      mark: ".",
      notes: [
        `${named(comma)} ${comma.length === 1 ? "holds numbers" : "hold numbers"} written with a decimal comma and ${named(point)} with a decimal point, ` +
          `so ${named(comma)} ${comma.length === 1 ? "was" : "were"} read as text. Upload again with decimal "," to read ${comma.length === 1 ? "it" : "them"} as numbers (then ${named(point)} would be text).`,
      ],
    };
  }
  return {
    mark: ",",
    notes: [
      `Read ${named(comma)} as numbers written with a decimal comma ("1,5" as 1.5). Upload with decimal "." to keep ${comma.length === 1 ? "it" : "them"} as text.`,
    ],
  };
}

/**
 * The columns holding only numbers with a decimal comma (at least one), and only with a decimal point.
 * One regular expression per column sorts each value (a decimal comma or point, an integer or empty,
 * or something else) and one bit_or per column gathers the sorts: with three expressions and three
 * count(*) FILTER (WHERE …) per column, a file of 1,000 columns spent 35 s here (5.6 s for 30 rows:
 * DuckDB's cost grows faster than the expressions' count), and 3.3 s so.
 */
async function numberColumns(c: DuckConnection, reader: string): Promise<{ comma: string[]; point: string[] }> {
  const names = (await queryRows(c, `DESCRIBE SELECT * FROM ${reader}`)).map((r) => String(r.column_name));
  if (names.length === 0) return { comma: [], point: [] };
  // Group m: the decimal mark of a number that has one; group o: a value that is no number at all.
  const sorts = names.map((name, i) => `regexp_extract(trim(${ident(name)}), ${NUMBER_SORT}, ['m', 'o']) AS x${i}`);
  const kinds = names.map(
    (_, i) =>
      `bit_or(CASE WHEN x${i}.o <> '' THEN ${OTHER} WHEN x${i}.m = ',' THEN ${COMMA} WHEN x${i}.m = '.' THEN ${POINT} ELSE 0 END) AS k${i}`,
  );
  const [row] = await queryRows(c, `SELECT ${kinds.join(", ")} FROM (SELECT ${sorts.join(", ")} FROM ${reader} LIMIT ${SAMPLE_ROWS})`);
  const only = (mark: number) => names.filter((_, i) => Number(row?.[`k${i}`] ?? 0) === mark);
  return { comma: only(COMMA), point: only(POINT) };
}
