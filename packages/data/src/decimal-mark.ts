// Numbers written with a decimal comma ("1,28"), as spreadsheets in much of Europe save them, with a
// semicolon or a tab between values. Read with a decimal point they are text, and a price becomes a
// category of hundreds of levels that no new row matches. Unless the upload says which mark it
// uses, a file whose delimiter is not a comma is looked at first: a column of decimal-comma numbers,
// and none of decimal-point ones, has it read with a comma, and the upload says so.
import { CURRENCY_PATTERN, type DecimalMark } from "@roundhouse/contracts";
import { type DuckConnection, ident, queryRows } from "./duckdb.ts";

/** Rows looked at: enough to tell, and a multi-gigabyte file is not read twice in full. */
const SAMPLE_ROWS = 100_000;
/**
 * A value's sort: a number, with its decimal mark in group m (none for an integer or nothing), or
 * other text (group o). A number may be written as an amount ("$1,711.92", "1.234,50", "1 234,50 €",
 * "(12,50)", "4%"): its mark is the last one, and a plain number is read first, so "1,234" and
 * "0,125" are decimal commas and "1.234" a decimal point, as before amounts were looked at here.
 */
const NUMBER_SORT = `'^(?:[+-]?${CURRENCY_PATTERN}?\\s?\\(?[+-]?${CURRENCY_PATTERN}?(?:[0-9]*|[0-9]{1,3}(?:[.,'' \u00a0\u202f][0-9]{3})+)(?:([.,])[0-9]+)?\\s?${CURRENCY_PATTERN}?\\)?\\s?%?-?|(.+))$'`;
// The sorts' bits, gathered per column with bit_or.
// (DECORATED: a number written as an amount, "$12.50" or "1.234,50": no plain number to DuckDB.)
const [COMMA, POINT, OTHER, DECORATED] = [1, 2, 4, 8];

export interface DecimalChoice {
  mark: DecimalMark;
  /** What the upload should say about it (a column read as numbers, or left as text). */
  notes: string[];
  /** When the values were looked at: the columns that may be amounts ("$12.50", "1.234,50"), the only ones formatted-numbers.ts need read. */
  amountColumns?: string[];
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
  const { comma, point, amountColumns } = await numberColumns(c, reader);
  if (comma.length === 0) return { mark: ".", notes: [], amountColumns };
  const named = (columns: string[]) => columns.map((c) => `"${c}"`).join(", ");
  if (point.length > 0) {
    return {
      mark: ".",
      amountColumns,
      notes: [
        `${named(comma)} ${comma.length === 1 ? "holds numbers" : "hold numbers"} written with a decimal comma and ${named(point)} with a decimal point, ` +
          `so ${named(comma)} ${comma.length === 1 ? "was" : "were"} read as text. Upload again with decimal "," to read ${comma.length === 1 ? "it" : "them"} as numbers (then ${named(point)} would be text).`,
      ],
    };
  }
  return {
    mark: ",",
    amountColumns,
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
async function numberColumns(c: DuckConnection, reader: string): Promise<{ comma: string[]; point: string[]; amountColumns: string[] }> {
  const names = (await queryRows(c, `DESCRIBE SELECT * FROM ${reader}`)).map((r) => String(r.column_name));
  if (names.length === 0) return { comma: [], point: [], amountColumns: [] };
  // Group m: the decimal mark of a number that has one; group o: a value that is no number at all.
  const sorts = names.map((name, i) => `trim(${ident(name)}) AS v${i}, regexp_extract(v${i}, ${NUMBER_SORT}, ['m', 'o']) AS x${i}`);
  // A number with more than a leading sign, digits and its mark in it is an amount (translate drops those).
  const decorated = (i: number, mark: string) =>
    `CASE WHEN translate(ltrim(v${i}, '+-'), '0123456789${mark}', '') <> '' THEN ${DECORATED} ELSE 0 END`;
  const kinds = names.map(
    (_, i) =>
      `bit_or(CASE WHEN x${i}.o <> '' THEN ${OTHER} WHEN x${i}.m = ',' THEN ${COMMA} | ${decorated(i, ",")} WHEN x${i}.m = '.' THEN ${POINT} | ${decorated(i, ".")} ELSE ${decorated(i, "")} END) AS k${i}`,
  );
  const [row] = await queryRows(c, `SELECT ${kinds.join(", ")} FROM (SELECT ${sorts.join(", ")} FROM ${reader} LIMIT ${SAMPLE_ROWS})`);
  const bits = (i: number) => Number(row?.[`k${i}`] ?? 0);
  // A column of decimal-comma amounts ("1.234,50") tells the mark; one of "$12.50" did not before
  // amounts were looked at here, and does not now.
  const comma = names.filter((_, i) => (bits(i) & ~DECORATED) === COMMA);
  const point = names.filter((_, i) => bits(i) === POINT);
  // The columns that may be amounts: some values written as amounts, none other text (the whole
  // file is checked for them then: this was a sample).
  const amountColumns = names.filter((_, i) => (bits(i) & (OTHER | DECORATED)) === DECORATED);
  return { comma, point, amountColumns };
}
