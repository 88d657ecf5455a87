// Datasets, uploads in progress and (with the embedded default) PostgreSQL share one disk. A disk
// filled by uploads stops PostgreSQL's writes: no job can finish and no prediction can be logged.
// So new work in progress (temp-files.ts) and uploads, as they stream, stop at a reserve of free
// space, with a 507 that says so; what is already stored is never touched.
import fs from "node:fs";
import path from "node:path";
import { InsufficientStorage } from "@roundhouse/contracts";

const MB = 2 ** 20;

/** Free space kept for the database and the work already running: ROUNDHOUSE_MIN_FREE_DISK_MB, 1 GiB by default. */
export function minFreeDiskBytes(env = process.env.ROUNDHOUSE_MIN_FREE_DISK_MB): number {
  if (env === undefined || env === "") return 1024 * MB;
  const mb = Number(env);
  if (!Number.isInteger(mb) || mb < 0) throw new Error(`ROUNDHOUSE_MIN_FREE_DISK_MB must be a whole number of megabytes; got "${env}"`);
  return mb * MB;
}

/** Bytes an unprivileged process may still write on the disk holding `dir` (or, not made yet, its nearest parent). */
export function freeDiskBytes(dir: string): number {
  let at = path.resolve(dir);
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  const s = fs.statfsSync(at);
  return s.bavail * s.bsize;
}

/** Throws InsufficientStorage (507) when writing `more` bytes into `dir` would leave less than the reserve. */
export function assertDiskRoom(dir: string, more = 0, what = "The upload"): void {
  const free = freeDiskBytes(dir);
  const reserve = minFreeDiskBytes();
  if (free - more >= reserve) return;
  throw noRoom(free, more, reserve, what);
}

/** Whether the disk holding `dir` is still above its reserve. */
export const aboveReserve = (dir: string) => freeDiskBytes(dir) >= minFreeDiskBytes();

/** The 507 for `what`, which found `free` bytes where `more` were to go and `reserve` are kept. */
export function noRoom(free: number, more: number, reserve: number, what: string): InsufficientStorage {
  const mb = (bytes: number) => `${Math.max(0, Math.floor(bytes / MB)).toLocaleString("en-US")} MB`;
  return new InsufficientStorage(
    `${what} ${more > 0 ? `does not fit: the server's disk has ${mb(free)} free for ${mb(more)}` : `cannot go on: the server's disk has ${mb(free)} free`}, ` +
      `and keeps ${mb(reserve)} for the database (ROUNDHOUSE_MIN_FREE_DISK_MB). Nothing was stored; an operator must make room.`,
  );
}

/** The disk's part of /api/v1/health: its free space against the reserve, and a reason when below. */
export function diskHealth(dir: string): { disk: { ok: boolean; freeMb: number; reserveMb: number }; reason: string | null } {
  const freeMb = Math.floor(freeDiskBytes(dir) / MB);
  const reserveMb = Math.floor(minFreeDiskBytes() / MB);
  const ok = freeMb >= reserveMb;
  const reason = ok
    ? null
    : `the disk has ${freeMb.toLocaleString("en-US")} MB free, below the reserve of ${reserveMb.toLocaleString("en-US")} MB (ROUNDHOUSE_MIN_FREE_DISK_MB): uploads and dataset work get 507 until an operator makes room`;
  return { disk: { ok, freeMb, reserveMb }, reason };
}
