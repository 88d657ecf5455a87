// Work in progress (uploads, conversions, joins) goes to ROUNDHOUSE_HOME/tmp and is removed when the
// work ends; finished dataset versions go to the object store (@roundhouse/store).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function dataHome(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.ROUNDHOUSE_HOME ?? ".roundhouse");
}

/** A fresh path in the temporary area; the caller removes it (see withTempFiles). */
export function tempPath(suffix = ""): string {
  const dir = path.join(dataHome(), "tmp");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${randomUUID()}${suffix}`);
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
