// CSV for every export: RFC 4180 quoting by csv-stringify, plus the spreadsheet guard: a cell that
// starts with = + - @ (or a tab/CR) is a formula to Excel and LibreOffice, so text from users (a
// justification, a job name) gets a leading apostrophe and cannot run when the file is opened.
import { stringify } from "csv-stringify/browser/esm/sync";

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  // A negative number stays a number; "-1+1" is a formula and gets the apostrophe.
  return FORMULA_START.test(value) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) ? `'${value}` : value;
}

/** Rows as CSV lines (CRLF line ends, as RFC 4180 says); the first row is the header. */
export function csvLines(rows: CsvCell[][]): string {
  return stringify(
    rows.map((r) => r.map(csvCell)),
    // csv-stringify quotes only the record delimiter (CRLF); a bare line break in a comment must be quoted too.
    { record_delimiter: "windows", quoted_match: /[\r\n]/ },
  );
}
