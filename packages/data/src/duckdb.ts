// One in-memory DuckDB per process: it only ever reads and writes Parquet files in the data store,
// so it keeps no state of its own and needs no file.
import os from "node:os";
import path from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { Invalid, RoundhouseError, Unavailable } from "@roundhouse/contracts";
import { aboveReserve, freeDiskBytes, minFreeDiskBytes, noRoom } from "./disk-room.ts";
import { dataHome, duckDbSpillDir, hasDataHome } from "./temp-files.ts";

const holder = globalThis as unknown as { roundhouseDuckDb?: Promise<DuckDBInstance> };

function instance(): Promise<DuckDBInstance> {
  holder.roundhouseDuckDb ??= createInstance();
  return holder.roundhouseDuckDb;
}

async function createInstance(): Promise<DuckDBInstance> {
  const created = await DuckDBInstance.create(":memory:", {
    threads: String(Number(process.env.ROUNDHOUSE_DUCKDB_THREADS ?? 2)),
    // DuckDB's own defaults are 80% of the machine's memory in every process, and spill files in
    // ./.tmp of whatever directory the process runs in: the web server and two training children
    // could each take 80%, and the kernel would kill one of them or PostgreSQL. Bounded, a big join
    // or sort spills to the data home's temporary area instead (swept like other work in progress).
    memory_limit: `${duckDbMemoryMb()}MB`,
    temp_directory: duckDbSpillDir(),
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

/**
 * Memory one process's DuckDB may use: ROUNDHOUSE_DUCKDB_MEMORY_MB, or a quarter of the memory this
 * process may have (its cgroup's limit in a container, else the machine's), and at least 1 GB.
 */
export function duckDbMemoryMb(env = process.env.ROUNDHOUSE_DUCKDB_MEMORY_MB): number {
  if (env !== undefined && env !== "") {
    const mb = Number(env);
    if (!Number.isInteger(mb) || mb < 64)
      throw new Error(`ROUNDHOUSE_DUCKDB_MEMORY_MB must be a whole number of megabytes, at least 64; got "${env}"`);
    return mb;
  }
  // constrainedMemory() is the cgroup's limit, or a huge number or 0/undefined without one.
  const limit = process.constrainedMemory?.() || Number.POSITIVE_INFINITY;
  const available = Math.min(os.totalmem(), limit);
  // 1 GB: a CSV of 1,000 columns needed more than 600 MB to ingest (pnpm bench:data).
  return Math.max(1024, Math.floor(available / 4 / 2 ** 20));
}

/**
 * The bound for DuckDB in a process that may use `processMb` in all (a training job's
 * resources.memoryMb, past which the worker stops it): half of it, so that a big load spills
 * instead of getting the job stopped, and never more than this machine's bound.
 */
export function duckDbMemoryWithin(processMb: number): number {
  return Math.min(duckDbMemoryMb(), Math.max(64, Math.floor(processMb / 2)));
}

/**
 * DuckDB's "Out of Memory Error" as what it is: not a bad file or request, but work bigger than
 * this server's bound (503, for the operator); null for any other error.
 */
export function outOfDuckDbMemory(err: unknown, what: string): Unavailable | null {
  if (err instanceof RoundhouseError || !/Out of Memory Error/.test(err instanceof Error ? err.message : String(err))) return null;
  return new Unavailable(
    `The ${what} needs more memory than this server lets DuckDB use (${duckDbMemoryMb()} MB, ROUNDHOUSE_DUCKDB_MEMORY_MB); ` +
      "work on fewer rows or columns, or ask an operator to raise the bound.",
  );
}

/** A connection lent by withConnection; helpers take it rather than open their own. */
export type DuckConnection = DuckDBConnection;

const safely = (check: () => boolean) => {
  try {
    return check();
  } catch {
    return true;
  }
};

/** How often running DuckDB work looks at the disk's free space. */
const DISK_WATCH_MS = 1000;

/**
 * Lends a connection to `fn`. While it runs in an installation (hasDataHome), the disk of the
 * temporary area is watched: DuckDB work writes there (a conversion's Parquet, a join's result,
 * spills), and past the reserve (disk-room.ts) it is interrupted with a 507, as an upload is: a
 * join checked only as it started could still fill the disk PostgreSQL writes to.
 */
export async function withConnection<T>(fn: (c: DuckDBConnection) => Promise<T>, what = "dataset work"): Promise<T> {
  const connection = await (await instance()).connect();
  const work = path.join(dataHome(), "tmp");
  const watched = hasDataHome();
  let full = false;
  const watch = setInterval(() => {
    // A bad ROUNDHOUSE_MIN_FREE_DISK_MB is said by tempPath; here it must not crash the process.
    if (full || !watched || safely(() => aboveReserve(work))) return;
    full = true;
    connection.interrupt();
  }, DISK_WATCH_MS);
  watch.unref();
  try {
    return await fn(connection);
  } catch (err) {
    // Whatever fn made of DuckDB's "Interrupted" (a read error, a bad definition), the cause is the disk.
    if (full) throw noRoom(freeDiskBytes(work), 0, minFreeDiskBytes(), "Dataset work");
    throw outOfDuckDbMemory(err, what) ?? err;
  } finally {
    clearInterval(watch);
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
