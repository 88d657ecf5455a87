// Where dataset files live: ROUNDHOUSE_HOME/datasets/<dataset>/<version>.parquet, written once and
// never changed. Work in progress goes to ROUNDHOUSE_HOME/tmp and is moved in only when complete.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function dataHome(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.ROUNDHOUSE_HOME ?? ".roundhouse");
}

export function versionPath(datasetId: string, versionId: string): string {
  return path.join(dataHome(), "datasets", datasetId, `${versionId}.parquet`);
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

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Moves a finished file into the store (same filesystem: an atomic rename). */
export function moveIntoStore(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.renameSync(from, to);
}

/** Server-side files may be registered only from under ROUNDHOUSE_DATA_ROOTS (colon-separated). */
export function dataRoots(): string[] {
  return (process.env.ROUNDHOUSE_DATA_ROOTS ?? "")
    .split(":")
    .filter(Boolean)
    .map((r) => path.resolve(r));
}
