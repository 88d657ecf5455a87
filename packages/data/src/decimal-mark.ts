// Numbers written with a decimal comma ("1,28"), as spreadsheets in much of Europe save them, with a
// semicolon or a tab between values. Read with a decimal point they are text, and a price becomes a
// category of hundreds of levels that no new row matches. Unless the upload says which mark it
// uses, a file whose delimiter is not a comma is looked at first: a column of decimal-comma numbers,
// and none of decimal-point ones, has it read with a comma, and the upload says so.
import type { DecimalMark } from "@roundhouse/contracts";
import { type DuckConnection, ident, queryRows } from "./duckdb.ts";

/** Rows looked at: enough to tell, and a multi-gigabyte file is not read twice in full. */
const SAMPLE_ROWS = 100_000;

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

/** The columns holding only numbers with a decimal comma (at least one), and only with a decimal point. */
async function numberColumns(c: DuckConnection, reader: string): Promise<{ comma: string[]; point: string[] }> {
  const names = (await queryRows(c, `DESCRIBE SELECT * FROM ${reader}`)).map((r) => String(r.column_name));
  if (names.length === 0) return { comma: [], point: [] };
  const parts = names.flatMap((name, i) => {
    const v = `trim(${ident(name)})`;
    return [
      `count(*) FILTER (WHERE regexp_full_match(${v}, '[+-]?[0-9]*,[0-9]+')) AS c${i}`,
      `count(*) FILTER (WHERE regexp_full_match(${v}, '[+-]?[0-9]*\\.[0-9]+')) AS p${i}`,
      `count(*) FILTER (WHERE ${v} <> '' AND NOT regexp_full_match(${v}, '[+-]?[0-9]*([.,][0-9]+)?')) AS o${i}`,
    ];
  });
  const [row] = await queryRows(c, `SELECT ${parts.join(", ")} FROM (SELECT * FROM ${reader} LIMIT ${SAMPLE_ROWS})`);
  const n = (key: string) => Number(row?.[key] ?? 0);
  const only = (mark: "c" | "p", other: "c" | "p") =>
    names.filter((_, i) => n(`${mark}${i}`) > 0 && n(`${other}${i}`) === 0 && n(`o${i}`) === 0);
  return { comma: only("c", "p"), point: only("p", "c") };
}
