// Columns the stored file holds as DuckDB's reader left them, read again by a later step
// (spreadsheet-dates.ts, infinite-values.ts): each step says which, how and why, and the file is
// rewritten once for all of them.

/** What one step reads again: `replaced` are `expression AS "name"` over the stored row `p` (and `t`, its `join`). */
export interface ColumnRereads {
  columns: string[];
  notes: string[];
  replaced: string[];
  /** A POSITIONAL JOIN of the file's text as `t`, or "". */
  join: string;
}

export const NO_REREADS: ColumnRereads = { columns: [], notes: [], replaced: [], join: "" };

/** A SELECT of `stored` with every step's columns read again, or null when no step has any. */
export function rereadSelect(stored: string, steps: ColumnRereads[]): string | null {
  const replaced = steps.flatMap((s) => s.replaced);
  if (replaced.length === 0) return null;
  return `SELECT p.* REPLACE (${replaced.join(", ")}) FROM ${stored} p${steps.map((s) => s.join).join("")}`;
}
