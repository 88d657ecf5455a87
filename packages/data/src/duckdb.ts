// One in-memory DuckDB per process: it only ever reads and writes Parquet files in the data store,
// so it keeps no state of its own and needs no file.
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

const holder = globalThis as unknown as { roundhouseDuckDb?: Promise<DuckDBInstance> };

function instance(): Promise<DuckDBInstance> {
  holder.roundhouseDuckDb ??= DuckDBInstance.create(":memory:", {
    threads: String(Number(process.env.ROUNDHOUSE_DUCKDB_THREADS ?? 2)),
    // Extensions would be downloaded at run time; there is no network for that here.
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  return holder.roundhouseDuckDb;
}

export async function withConnection<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const connection = await (await instance()).connect();
  try {
    return await fn(connection);
  } finally {
    connection.closeSync();
  }
}

/** A SQL identifier, quoted: column names come from users' files and requests. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal, for file paths the data store made (user values are always bound). */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export async function queryRows(c: DuckDBConnection, sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> {
  const reader = params?.length ? await c.runAndReadAll(sql, params as never) : await c.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}
