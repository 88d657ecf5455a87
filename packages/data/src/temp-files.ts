// Work in progress (uploads, conversions, joins) goes to ROUNDHOUSE_HOME/tmp and is removed when the
// work ends; finished dataset versions go to the object store (@roundhouse/store).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assertDiskRoom } from "./disk-room.ts";

export function dataHome(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.ROUNDHOUSE_HOME ?? ".roundhouse");
}

/**
 * Whether this process runs in an installation (its data home exists), not as `roundhouse fit` in a
 * folder of the user's: only an installation has a database to keep disk for, or a home to spill into.
 */
export const hasDataHome = () => fs.existsSync(dataHome());

/**
 * A fresh path in the temporary area; the caller removes it (see withTempFiles). Refused (507) when
 * the disk is down to its reserve (disk-room.ts): new work must not take the database's room.
 */
export function tempPath(suffix = ""): string {
  const dir = path.join(dataHome(), "tmp");
  fs.mkdirSync(dir, { recursive: true });
  if (Date.now() - sweptAt >= SWEEP_EVERY_MS) sweepStaleTemp(dir);
  assertDiskRoom(dir, 0, "Dataset work");
  return path.join(dir, `${randomUUID()}${suffix}`);
}

/**
 * Where this process's DuckDB spills what does not fit in its memory limit (duckdb.ts): a directory
 * of its own, as DuckDB names its spill files the same in every process. Named by host and process
 * id, so the sweep below passes over it while the process lives, however long it has been idle.
 */
export function duckDbSpillDir(pid = process.pid): string {
  // Without a data home, the system's temporary folder: a local command must not leave a
  // .roundhouse behind wherever it ran.
  const dir = hasDataHome() ? path.join(dataHome(), "tmp") : os.tmpdir();
  // DuckDB makes its directory when it first spills, but not the ones above it.
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${SPILL_PREFIX}${os.hostname()}-${pid}`);
}
const SPILL_PREFIX = "duckdb-spill-";

/** Whether `name` is the spill directory of a process alive on this host. */
function liveSpillDir(name: string): boolean {
  const owner = new RegExp(`^${SPILL_PREFIX}(.+)-(\\d+)$`).exec(name);
  if (!owner || owner[1] !== os.hostname()) return false;
  try {
    process.kill(Number(owner[2]), 0);
    return true;
  } catch (err) {
    // EPERM: alive, another user's.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Work in progress lasts minutes; a file this old was left by a process killed mid-work. */
const STALE_MS = 6 * 3_600_000;
const SWEEP_EVERY_MS = 3_600_000;
let sweptAt = 0;

/**
 * Removes what processes killed mid-work left in the temporary area (an upload's copy of a
 * multi-gigabyte file, a conversion): nothing else ever would. Done by whichever process next
 * makes a temporary file, at most hourly; every process sharing ROUNDHOUSE_HOME may.
 */
export function sweepStaleTemp(dir = path.join(dataHome(), "tmp"), now = Date.now()): number {
  sweptAt = now;
  let removed = 0;
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = path.join(dir, name);
    if (liveSpillDir(name)) continue;
    try {
      if (now - fs.statSync(file).mtimeMs < STALE_MS) continue;
      fs.rmSync(file, { recursive: true, force: true });
      removed++;
    } catch {
      // Gone meanwhile (its own process finished with it): nothing to do.
    }
  }
  return removed;
}

/** Runs fn with a temp-path factory; every temp path it made is removed afterwards, success or not. */
export async function withTempFiles<T>(fn: (temp: (suffix?: string) => string) => Promise<T>): Promise<T> {
  const made: string[] = [];
  try {
    return await fn((suffix) => {
      const p = tempPath(suffix);
      made.push(p);
      return p;
    });
  } finally {
    for (const p of made) fs.rmSync(p, { force: true });
  }
}

/** Server-side files may be registered only from under ROUNDHOUSE_DATA_ROOTS (colon-separated). */
export function dataRoots(): string[] {
  return (process.env.ROUNDHOUSE_DATA_ROOTS ?? "")
    .split(":")
    .filter(Boolean)
    .map((r) => path.resolve(r));
}
