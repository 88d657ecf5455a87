import type { ColumnSchema, Preview } from "@roundhouse/contracts";
import { ident, literal, withInteractiveConnection } from "./duckdb.ts";
import { invalid } from "./errors.ts";

export interface PreviewRequest {
  offset: number;
  limit: number;
  sort?: string;
  order: "asc" | "desc";
}

/** One page of rows. Unsorted pages read only the row groups they need, so any offset is fast. */
export async function previewRows(file: string, schema: ColumnSchema[], rowCount: number, req: PreviewRequest): Promise<Preview> {
  const started = performance.now();
  if (req.sort && !schema.some((s) => s.name === req.sort)) {
    throw invalid("sort", `There is no column "${req.sort}" to sort by.`);
  }
  const orderBy = req.sort ? `ORDER BY ${ident(req.sort)} ${req.order === "desc" ? "DESC" : "ASC"} NULLS LAST` : "";
  const rows = await withInteractiveConnection("preview", undefined, async (c) => {
    const reader = await c.runAndReadAll(`SELECT * FROM read_parquet(${literal(file)}) ${orderBy} LIMIT $1 OFFSET $2`, [
      req.limit,
      req.offset,
    ]);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  });
  return {
    offset: req.offset,
    limit: req.limit,
    rowCount,
    columns: schema,
    rows,
    millis: Math.round((performance.now() - started) * 10) / 10,
  };
}
