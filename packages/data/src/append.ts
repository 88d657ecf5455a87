// Appending rows to a dataset: the new version is the latest one's rows followed by the file's, in
// the latest version's columns and types. A file whose columns differ, or whose values the stored
// type cannot hold without changing them, is refused naming the column, so an append never
// silently turns "1.5" into 2 or a word into a missing value.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { ColumnSchema } from "@roundhouse/contracts";
import { toColumnSchema } from "./column-types.ts";
import { ident, literal, queryRows, withConnection } from "./duckdb.ts";
import { appendedCopies } from "./duplicate-rows.ts";
import { invalid } from "./errors.ts";

export interface AppendedFile {
  rowCount: number;
  schema: ColumnSchema[];
  /** What the user should know of the appended rows (copies of rows the dataset had). */
  warnings: string[];
}

/**
 * Writes `previous` followed by `added` (both Parquet) to `dest`. The columns are matched by name
 * (the file's order does not matter); the result has exactly the previous version's schema.
 */
export async function appendRows(
  previous: { path: string; schema: ColumnSchema[]; rowCount: number },
  added: string,
  dest: string,
): Promise<AppendedFile> {
  return withConnection(async (c) => {
    const incoming = await describe(c, added);
    checkSameColumns(previous.schema, incoming);
    const byName = new Map(incoming.map((s) => [s.name, s]));
    for (const column of previous.schema) {
      const from = byName.get(column.name) as ColumnSchema;
      if (from.storageType !== column.storageType) await checkLossless(c, added, column, from);
    }
    const select = previous.schema
      .map((s) => {
        const from = byName.get(s.name) as ColumnSchema;
        const value = ident(s.name);
        return from.storageType === s.storageType ? value : `CAST(${value} AS ${s.storageType}) AS ${value}`;
      })
      .join(", ");
    const columns = previous.schema.map((s) => ident(s.name)).join(", ");
    // preserve_insertion_order (DuckDB's default) keeps the old rows first, in their order, so a
    // seeded random split of the old rows is not reshuffled by the append.
    await c.run(
      `COPY (SELECT ${columns} FROM read_parquet(${literal(previous.path)}) UNION ALL SELECT ${select} FROM read_parquet(${literal(added)}))` +
        ` TO ${literal(dest)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    const [{ n }] = (await queryRows(c, `SELECT count(*)::BIGINT AS n FROM read_parquet(${literal(dest)})`)) as [{ n: bigint }];
    return { rowCount: Number(n), schema: await describe(c, dest), warnings: await appendedCopies(c, dest, previous.rowCount) };
  });
}

async function describe(c: DuckDBConnection, file: string): Promise<ColumnSchema[]> {
  return toColumnSchema(await queryRows(c, `DESCRIBE SELECT * FROM read_parquet(${literal(file)})`));
}

function checkSameColumns(previous: ColumnSchema[], incoming: ColumnSchema[]) {
  const have = new Set(incoming.map((s) => s.name));
  const want = new Set(previous.map((s) => s.name));
  const missing = previous.filter((s) => !have.has(s.name)).map((s) => s.name);
  const extra = incoming.filter((s) => !want.has(s.name)).map((s) => s.name);
  if (missing.length) {
    throw invalid(
      `file.columns.${missing[0]}`,
      `The file has no column ${quoteList(missing)}; appended rows need every column of the latest version.`,
    );
  }
  if (extra.length) {
    throw invalid(
      `file.columns.${extra[0]}`,
      `The file has column ${quoteList(extra)} that the latest version does not; upload a whole new version (mode=replace) to change the columns.`,
    );
  }
}

/** Refuses a column whose values would change on the way into the stored type (round trip differs). */
async function checkLossless(c: DuckDBConnection, file: string, to: ColumnSchema, from: ColumnSchema) {
  const v = ident(to.name);
  const bad = await queryRows(
    c,
    `SELECT ${v}::VARCHAR AS value, count(*) OVER ()::BIGINT AS n FROM read_parquet(${literal(file)})
     WHERE ${v} IS NOT NULL AND (TRY_CAST(${v} AS ${to.storageType}) IS NULL
       OR TRY_CAST(TRY_CAST(${v} AS ${to.storageType}) AS ${from.storageType}) IS DISTINCT FROM ${v})
     LIMIT 1`,
  );
  if (bad.length === 0) return;
  const [{ value, n }] = bad as [{ value: string; n: bigint }];
  throw invalid(
    `file.columns.${to.name}`,
    `Column "${to.name}" is ${to.type} in the latest version, but ${n} appended row(s) hold values it cannot keep as they are (for example "${value}").`,
  );
}

function quoteList(names: string[]) {
  const shown = names.slice(0, 5).map((n) => `"${n}"`);
  return shown.join(", ") + (names.length > 5 ? ` and ${names.length - 5} more` : "");
}
