// How a CSV file is laid out around its values, as exports write it: Excel's "sep=;" first line,
// which names the delimiter, and a delimiter at the end of every line (SAP, bank statements,
// SQL*Plus spools), which makes an empty column with no name. Both files were refused ("Column 2
// has no name"); the first line is now read as the delimiter, and the empty last column left out.
import fs from "node:fs";
import { guessDelimiter } from "./detect-format.ts";
import { type DuckConnection, ident, queryRows } from "./duckdb.ts";

export interface CsvStart {
  /** Lines before the header: 1 after a "sep=" line. */
  skip: number;
  /** The header line (or, without a header, the first row). */
  headerLine: string;
  delimiter: string;
}

/** Where the file's header is and its delimiter: the upload's, the "sep=" line's, or guessed from the header. */
export function csvStart(file: string, given: string | undefined): CsvStart {
  const [first = "", second = ""] = firstLines(file, 2);
  const sep = /^sep=(.)$/i.exec(first.trim());
  const headerLine = sep ? second : first;
  return { skip: sep ? 1 : 0, headerLine, delimiter: given ?? sep?.[1] ?? guessDelimiter(headerLine) };
}

/**
 * When every line ends with a delimiter (the header's last name is empty and so is every row's
 * last value), the name DuckDB gave that empty column, to leave it out; else null. A last column
 * with values and no name is still refused for its missing name. `text` reads every value as text.
 */
export async function emptyLastColumn(c: DuckConnection, text: string, names: string[]): Promise<string | null> {
  if (names.length < 2 || (names.at(-1) ?? "").trim() !== "") return null;
  const columns = await queryRows(c, `DESCRIBE SELECT * FROM ${text}`);
  const last = String(columns.at(-1)?.column_name);
  const [row] = await queryRows(c, `SELECT count(${ident(last)})::BIGINT AS filled FROM ${text}`);
  return Number(row?.filled ?? 0) === 0 ? last : null;
}

/**
 * pandas' to_csv writes the frame's index first, under no name: a header that starts with the
 * delimiter, then a row number (or label) per row. Such a file was refused ("Column 1 has no name");
 * when that unnamed first column holds a different integer in every row, the DuckDB name of the
 * column to leave out; else null (a first column with values and no name is still refused).
 */
export async function pandasIndex(c: DuckConnection, text: string, names: string[]): Promise<string | null> {
  if (names.length < 2 || (names[0] ?? "").trim() !== "" || names.slice(1).some((n) => n.trim() === "")) return null;
  const [first] = await queryRows(c, `DESCRIBE SELECT * FROM ${text}`);
  const column = ident(String(first?.column_name));
  const [row] = await queryRows(
    c,
    `SELECT count(*)::BIGINT AS n, count(TRY_CAST(${column} AS BIGINT))::BIGINT AS integers, count(DISTINCT ${column})::BIGINT AS distinct FROM ${text}`,
  );
  const n = Number(row?.n ?? 0);
  return n > 0 && Number(row?.integers) === n && Number(row?.distinct) === n ? String(first?.column_name) : null;
}

export const pandasIndexNote =
  "The first column has no name and a different whole number in every row, as pandas writes its index (to_csv without index=False): it was left out.";

export const trailingNote = (names: string[]) =>
  `Every line ends with a delimiter after "${names.at(-2)}": the empty column this makes was left out.`;

function firstLines(file: string, count: number): string[] {
  const fd = fs.openSync(file, "r");
  const buf = Buffer.alloc(65_536);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  return buf
    .subarray(0, n)
    .toString("utf8")
    .split(/\r\n|\n|\r/)
    .slice(0, count);
}
