// How a column's values become a model's feature values, in SQL: the one encoding that training
// (feature-matrix.ts) and batch scoring (scoring.ts) share, so a model scores rows as it learned them.
import { LIST, listValue, VARCHAR } from "@duckdb/node-api";
import type { LogicalType } from "@roundhouse/contracts";
import { isNumeric, isTemporal } from "./column-types.ts";
import { ident } from "./duckdb.ts";

/** A query's positional parameters and their DuckDB types, filled as expressions bind values. */
export interface SqlParams {
  values: unknown[];
  types: unknown[];
}

/** The kind of feature a column makes: numbers, booleans and dates are numeric, anything else categories. */
export function featureKindOf(type: LogicalType): "numeric" | "categorical" {
  return isNumeric(type) || type === "boolean" || isTemporal(type) ? "numeric" : "categorical";
}

/**
 * SQL for one feature as a double. Categorical: the value's code in `categories` (the model's list),
 * a value not in it missing, as it is when serving. Numeric: numbers and booleans as themselves,
 * dates as epoch milliseconds, and text (a scoring input whose column is text where the model
 * learned numbers) as the number it reads as, else missing.
 */
export function featureSql(
  feature: { name: string; kind: "numeric" | "categorical"; categories?: string[] },
  type: LogicalType,
  params: SqlParams,
): string {
  const column = ident(feature.name);
  if (feature.kind === "categorical") {
    params.values.push(listValue(feature.categories ?? []));
    params.types.push(LIST(VARCHAR));
    return `(nullif(list_position($${params.values.length}, ${column}::VARCHAR), 0) - 1)::DOUBLE`;
  }
  if (isTemporal(type)) return `epoch_ms(${column}::TIMESTAMP)::DOUBLE`;
  if (isNumeric(type) || type === "boolean") return `${column}::DOUBLE`;
  return `TRY_CAST(${column} AS DOUBLE)`;
}
