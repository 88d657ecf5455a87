// Files joined one after another (`cat january.csv february.csv`, an export run per month) repeat
// their header inside the data. Every column then held its own name in a row, so every number
// column was text ("holds numbers except for 1 value such as "amount""). Such rows are found in the
// stored file, cheaply, only when every column is text (what they make of it), and the file is
// read again without them (from the trimmed copy padded-values.ts writes), and the upload says so.
import { type DuckConnection, ident, literal, queryRows } from "./duckdb.ts";

/** Rows of the stored file `stored` whose every value is its column's name (trimmed). */
export async function repeatedHeaderRows(c: DuckConnection, stored: string): Promise<number> {
  const columns = await queryRows(c, `DESCRIBE SELECT * FROM ${stored}`);
  if (columns.length < 2 || columns.some((col) => col.column_type !== "VARCHAR")) return 0;
  const [row] = await queryRows(
    c,
    `SELECT count(*)::BIGINT AS n FROM ${stored} WHERE ${isHeader(columns.map((col) => String(col.column_name)))}`,
  );
  return Number(row?.n ?? 0);
}

/** A condition true of a row that repeats the header `names`. */
export function isHeader(names: string[]): string {
  return `coalesce(${names.map((name) => `trim(${ident(name)}) = ${literal(name.trim())}`).join(" AND ")}, false)`;
}

export const repeatedHeaderNote = (rows: number) =>
  `Left out ${rows} row(s) that repeat the header, as files joined one after another have them.`;
