import type { ColumnSchema, LogicalType } from "@roundhouse/contracts";

/** DuckDB's storage type → the logical type users see and the learning code expects. */
export function logicalType(storageType: string): LogicalType {
  const t = storageType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t)) return "integer";
  if (/^(FLOAT|DOUBLE|REAL)$/.test(t) || t.startsWith("DECIMAL")) return "float";
  if (t === "BOOLEAN") return "boolean";
  if (t === "VARCHAR" || t.startsWith("ENUM")) return "string";
  if (t === "DATE") return "date";
  if (t.startsWith("TIMESTAMP")) return "timestamp";
  return "other";
}

/** The DuckDB type a forced logical type casts to. */
export const STORAGE_TYPE: Record<Exclude<LogicalType, "other">, string> = {
  integer: "BIGINT",
  float: "DOUBLE",
  boolean: "BOOLEAN",
  string: "VARCHAR",
  date: "DATE",
  timestamp: "TIMESTAMP",
};

export function toColumnSchema(rows: Record<string, unknown>[]): ColumnSchema[] {
  return rows.map((r) => ({
    name: String(r.column_name),
    storageType: String(r.column_type),
    type: logicalType(String(r.column_type)),
    nullable: r.null !== "NO",
  }));
}

export const isNumeric = (t: LogicalType) => t === "integer" || t === "float";
export const isTemporal = (t: LogicalType) => t === "date" || t === "timestamp";
