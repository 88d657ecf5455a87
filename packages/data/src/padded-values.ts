// Values written with spaces around them, as a CSV file with ", " between values has them (the UCI
// "adult" census file: "39, State-gov, 77516"), or a cell of a space where a number is missing (the
// Telco churn file's TotalCharges " " for new customers). Read as written, " ?" is no missing value,
// a number column with a " " in it becomes text, and every category and the label keep a leading
// space. A CSV file with such values is read again from a copy whose values have no spaces around
// them, as R's readr reads every file, and the upload says so. (DuckDB's CSV reader has no option
// for it.)
import { type DuckConnection, ident, literal, queryRows } from "./duckdb.ts";

/** What counts as space around a value: spaces, tabs and the no-break space spreadsheets paste in. */
const SPACE = " \t\u00a0";
const trimmed = (column: string) => `trim(${ident(column)}, ${literal(SPACE)})`;

/** A null marker no file holds: the copy is written, and read back, with every value as text. */
export const NO_NULLS = "\u0001roundhouse: no null marker\u0001";

export interface PaddedColumn {
  name: string;
  /** A value with spaces around it. */
  example: string;
}

/**
 * The text columns of `from` with a value that has spaces around it. Only text columns: a padded
 * number (" 40") is read as a number already, and one that is not made its column text.
 */
export async function paddedColumns(c: DuckConnection, from: string): Promise<PaddedColumn[]> {
  const text = (await queryRows(c, `DESCRIBE SELECT * FROM ${from}`))
    .filter((r) => r.column_type === "VARCHAR")
    .map((r) => String(r.column_name));
  if (text.length === 0) return [];
  // One cheap test per column first (0.03 s over 3M stored rows); examples only where one is found.
  const tests = text.map((name, i) => `bool_or(${ident(name)} <> ${trimmed(name)}) AS p${i}`);
  const [row] = await queryRows(c, `SELECT ${tests.join(", ")} FROM ${from}`);
  const padded = text.filter((_, i) => row?.[`p${i}`] === true);
  if (padded.length === 0) return [];
  // A value with more than spaces in it shows best what changed (the largest: a word rather than
  // a marker such as " ?"); one of spaces only otherwise.
  const examples = padded.map(
    (name, i) =>
      `coalesce(max(CASE WHEN ${ident(name)} <> ${trimmed(name)} AND ${trimmed(name)} <> '' THEN ${ident(name)} END), min(CASE WHEN ${ident(name)} <> ${trimmed(name)} THEN ${ident(name)} END)) AS e${i}`,
  );
  const [found] = await queryRows(c, `SELECT ${examples.join(", ")} FROM ${from}`);
  return padded.map((name, i) => ({ name, example: String(found?.[`e${i}`] ?? "") }));
}

/**
 * Writes `text` (a CSV reading with every value as text and NO_NULLS as its null marker, so that
 * missing-value markers stay as written) to `dest` as CSV, each value without the spaces around
 * it. Reading the copy with the upload's options is then reading the file as if written without them.
 */
export async function writeUnpadded(c: DuckConnection, text: string, dest: string, header: boolean, delimiter: string) {
  const columns = (await queryRows(c, `DESCRIBE SELECT * FROM ${text}`)).map((r) => String(r.column_name));
  const values = columns.map((name) => `${trimmed(name)} AS ${ident(name)}`).join(", ");
  await c.run(
    `COPY (SELECT ${values} FROM ${text}) TO ${literal(dest)} (FORMAT csv, HEADER ${header}, DELIMITER ${literal(delimiter)}, QUOTE '"', ESCAPE '"', NULLSTR ${literal(NO_NULLS)})`,
  );
}

export function paddingNote(columns: PaddedColumn[]): string {
  const named = columns.map((p) => `"${p.name}"`);
  const list = named.length > 5 ? `${named.slice(0, 5).join(", ")} and ${named.length - 5} more` : named.join(", ");
  const { example } = columns[0] as PaddedColumn;
  const bare = example.trim();
  return bare === ""
    ? `Read the values of ${list} without the spaces around them: a value of spaces only (${JSON.stringify(example)}) is missing.`
    : `Read the values of ${list} without the spaces around them (${JSON.stringify(example)} as ${JSON.stringify(bare)}); a value of spaces only is missing.`;
}
