// CSV for every export: RFC 4180 quoting by csv-stringify, plus the spreadsheet guard: a cell that
// starts with = + - @ (or a tab/CR) is a formula to Excel and LibreOffice, so text from users (a
// justification, a job name) gets a leading apostrophe and cannot run when the file is opened.
import { stringify } from "csv-stringify/browser/esm/sync";

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  return FORMULA_START.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
}

/** Rows as CSV lines (CRLF line ends, as RFC 4180 says); the first row is the header. */
export function csvLines(rows: CsvCell[][]): string {
  return stringify(
    rows.map((r) => r.map(csvCell)),
    { record_delimiter: "windows" },
  );
}
