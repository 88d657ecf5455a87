// One in-memory DuckDB per process: it only ever reads and writes Parquet files in the data store,
// so it keeps no state of its own and needs no file.
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { Invalid } from "@roundhouse/contracts";

const holder = globalThis as unknown as { roundhouseDuckDb?: Promise<DuckDBInstance> };

function instance(): Promise<DuckDBInstance> {
  holder.roundhouseDuckDb ??= createInstance();
  return holder.roundhouseDuckDb;
}

async function createInstance(): Promise<DuckDBInstance> {
  const created = await DuckDBInstance.create(":memory:", {
    threads: String(Number(process.env.ROUNDHOUSE_DUCKDB_THREADS ?? 2)),
    // Extensions would be downloaded at run time; there is no network for that here.
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  // Every connection in UTC, whatever the machine's zone: a Parquet file's zoned timestamps
  // (TIMESTAMPTZ, kept as the file has them) became features as local times (`::TIMESTAMP`), so the
  // same row gave a worker in Paris another value than one in New York, and a model trained on one
  // scored differently on the other. (The instance does not take TimeZone as an option: it is ICU's.)
  const setUp = await created.connect();
  try {
    await setUp.run("SET GLOBAL TimeZone = 'UTC'");
  } finally {
    setUp.closeSync();
  }
  return created;
}

/** A connection lent by withConnection; helpers take it rather than open their own. */
export type DuckConnection = DuckDBConnection;

export async function withConnection<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const connection = await (await instance()).connect();
  try {
    return await fn(connection);
  } finally {
    connection.closeSync();
  }
}

/**
 * Interactive queries (previews, dry runs) stop when the caller goes away or after
 * ROUNDHOUSE_QUERY_TIMEOUT_SECONDS (30 by default): a viewer's abandoned join must not keep a
 * CPU busy. Throws Invalid naming `what` when the time ran out. `timed: false` keeps only the
 * caller's signal (writing a derived dataset whose size was checked first).
 */
export async function withInteractiveConnection<T>(
  what: string,
  signal: AbortSignal | undefined,
  fn: (c: DuckDBConnection) => Promise<T>,
  { timed = true } = {},
): Promise<T> {
  const seconds = Number(process.env.ROUNDHOUSE_QUERY_TIMEOUT_SECONDS ?? 30);
  return withConnection(async (c) => {
    let timedOut = false;
    const stop = () => c.interrupt();
    const timer = timed
      ? setTimeout(() => {
          timedOut = true;
          stop();
        }, seconds * 1000)
      : undefined;
    signal?.addEventListener("abort", stop, { once: true });
    try {
      if (signal?.aborted) throw new Invalid(`The request for the ${what} was cancelled.`);
      return await fn(c);
    } catch (err) {
      if (timedOut) {
        throw new Invalid(`The ${what} took longer than ${seconds} s and was stopped; narrow it (filters, fewer joins) and try again.`, [
          { path: "", message: `over the ${seconds} s limit` },
        ]);
      }
      if (signal?.aborted) throw new Invalid(`The request for the ${what} was cancelled.`);
      throw err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", stop);
    }
  });
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
